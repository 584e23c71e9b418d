import type { Caller } from '#identity/caller.js';
import { Invalid } from '#platform/errors.js';
import type { TicketDeps } from './deps.js';

/**
 * The files a message takes (or a new ticket's opening message), checked once the ticket is
 * known to be visible: their claim lands with the message, in its transaction.
 */
export const takeAttachments = (
  deps: TicketDeps,
  caller: Caller,
  ticketId: string,
  ids: readonly string[],
) => {
  if (!deps.attachments) {
    throw new Invalid('This route takes no attachments', [
      { path: 'attachmentIds', message: 'Attachments are not accepted here' },
    ]);
  }
  return deps.attachments.takeable(ticketId, ids, caller.id);
};
