import type { Caller } from '#identity/caller.js';
import { NotFound } from '#platform/errors.js';
import type { Page } from '#platform/ports.js';
import type { PageQuery, TicketEvent } from '../schemas.js';
import type { TicketDeps } from './deps.js';
import { collectionScope } from './visibility.js';

export const listEvents = async (
  deps: TicketDeps,
  caller: Caller,
  id: string,
  page: PageQuery,
): Promise<Page<TicketEvent>> => {
  const events = await deps.store.listEvents(id, collectionScope(caller, page));
  if (!events) throw new NotFound(`No ticket ${id}`);
  return events;
};
