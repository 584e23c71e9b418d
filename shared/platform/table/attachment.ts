import { envelope, joinKey, type Key, prefixOf, type QuerySpec } from './key.js';
import { ticketPartition } from './ticket.js';

/**
 * A ticket's attachments live in its partition: one item per file (`ATTACHMENT#<ulid>`: name,
 * declared type and size, status, the message that took it) and one usage item
 * (`ATTACHMENT_USAGE`: how many upload slots were handed out and how many verified bytes the
 * ticket holds), which bounds both the list (one Query) and the ticket's total size.
 */
const ATTACHMENT = 'ATTACHMENT';
const USAGE = 'ATTACHMENT_USAGE';

const ENTITY = 'attachment';
const USAGE_ENTITY = 'attachment-usage';

const key = (ticketId: string, attachmentId: string): Key => ({
  pk: ticketPartition(ticketId),
  sk: joinKey(ATTACHMENT, attachmentId),
});
const usageKey = (ticketId: string): Key => ({ pk: ticketPartition(ticketId), sk: USAGE });

export const attachmentEntity = {
  name: ENTITY,
  key,
  item: (ticketId: string, attachmentId: string) => envelope(ENTITY, key(ticketId, attachmentId)),
  usage: {
    name: USAGE_ENTITY,
    key: usageKey,
    item: (ticketId: string) => envelope(USAGE_ENTITY, usageKey(ticketId)),
  },
  queries: {
    /** Every attachment of a ticket, oldest first (the usage item sorts outside the prefix). */
    ofTicket: (ticketId: string): QuerySpec => ({
      pk: ticketPartition(ticketId),
      skPrefix: prefixOf(ATTACHMENT),
      descending: false,
    }),
  },
};
