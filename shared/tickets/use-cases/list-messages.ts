import type { Caller } from '#identity/caller.js';
import { NotFound } from '#platform/errors.js';
import type { Page } from '#platform/ports.js';
import type { Message, PageQuery } from '../schemas.js';
import type { TicketDeps } from './deps.js';
import { collectionScope } from './visibility.js';

export const listMessages = async (
  deps: TicketDeps,
  caller: Caller,
  id: string,
  page: PageQuery,
): Promise<Page<Message>> => {
  const messages = await deps.store.listMessages(id, collectionScope(caller, page));
  if (!messages) throw new NotFound(`No ticket ${id}`);
  return messages;
};
