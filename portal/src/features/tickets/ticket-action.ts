import type { Endpoints } from '../../api/endpoints.js';
import type { Ticket } from '../../api/types.js';

/**
 * Runs one change of the open ticket with its current version and reports `success` when it
 * went through; the ticket page provides it, the action panels call it.
 */
export type TicketAction = (
  perform: (ticket: Ticket, api: Endpoints) => Promise<unknown>,
  success: string,
) => Promise<boolean>;
