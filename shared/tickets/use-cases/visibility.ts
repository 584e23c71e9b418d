import { type Caller, isClient, isStaff } from '#identity/caller.js';
import { NotFound } from '#platform/errors.js';
import type { CollectionOptions } from '../ports.js';
import type { PageQuery, Ticket } from '../schemas.js';
import { canSee } from '../ticket.js';
import type { TicketDeps } from './deps.js';

/** The ticket if the caller may see it; 404 otherwise, so existence is never revealed. */
export const loadVisible = async (deps: TicketDeps, caller: Caller, id: string): Promise<Ticket> => {
  const ticket = await deps.store.getTicket(id);
  if (!ticket || !canSee(caller, ticket)) throw new NotFound(`No ticket ${id}`);
  return ticket;
};

/** What of a ticket's messages or history the caller may page through: internal items are for staff only. */
export const collectionScope = (caller: Caller, page: PageQuery): CollectionOptions => ({
  includeInternal: isStaff(caller),
  ...(isClient(caller) ? { orgId: caller.orgId ?? '-' } : {}),
  limit: page.limit,
  ...(page.cursor ? { cursor: page.cursor } : {}),
});
