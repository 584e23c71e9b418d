import type { Endpoints } from '../../api/endpoints.js';
import type { ApiError } from '../../api/problem.js';
import type { Ticket } from '../../api/types.js';

/**
 * Runs one change of the open ticket with its current version and reports `success` when it
 * went through; the ticket page provides it, the action panels call it. A stale version (412)
 * reloads the ticket; any other refusal is a notice unless the panel shows it at its fields.
 */
export type TicketAction = (
  perform: (ticket: Ticket, api: Endpoints) => Promise<unknown>,
  success: string,
  /**
   * Shows a refusal at the panel's own fields (a 400 naming them); true when it did, so the page
   * shows no notice on top.
   */
  showAtFields?: (error: ApiError) => boolean,
) => Promise<boolean>;
