import { type Caller, isStaff } from '#identity/caller.js';
import { NotFound } from '#platform/errors.js';
import type { Message } from '../schemas.js';
import type { TicketDeps } from './deps.js';
import { loadVisible } from './visibility.js';

/**
 * One message of a ticket the caller may see. An internal note is staff-only: for anyone
 * else it does not exist (404), like a message of another organisation's ticket.
 */
export const getMessage = async (
  deps: TicketDeps,
  caller: Caller,
  ticketId: string,
  messageId: string,
): Promise<Message> => {
  await loadVisible(deps, caller, ticketId);
  const message = await deps.store.getMessage(ticketId, messageId);
  if (!message || (message.internal && !isStaff(caller))) {
    throw new NotFound(`No message ${messageId} on ticket ${ticketId}`);
  }
  return message;
};
