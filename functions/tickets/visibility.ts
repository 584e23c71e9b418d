import type { Caller } from '#identity/caller.js';
import { NotFound } from '#platform/errors.js';
import { TicketId } from '#tickets/schemas.js';
import { loadVisible } from '#tickets/use-cases/visibility.js';
import type { ApiEvent } from '../http/route.js';
import { ticketDeps } from '../wiring/api.js';

/**
 * For ticket routes: a caller refused by role still gets 404 for a ticket it could not
 * see, so the answer never tells another organisation that the ticket exists.
 */
export const hideUnlessVisible = async (caller: Caller, event: ApiEvent): Promise<void> => {
  const id = event.pathParameters?.id;
  if (!id || !TicketId.safeParse(id).success) throw new NotFound('No such resource');
  await loadVisible(ticketDeps, caller, id);
};
