import { envelope, joinKey, type Key } from './key.js';

/**
 * The trace a deleted ticket leaves (docs/data-model.md, docs/api.md): `ERASURE#<ticketId>` /
 * `ERASURE`, outside the ticket's partition so erasing the partition keeps it. It holds who
 * deleted which reference when, the subject only as a SHA-256 (the erasure keeps no text of the
 * ticket), and `erasedAt` once the `ticket-erasure` stream consumer has removed the rest
 * (messages, history, files, search documents). Written in the delete's transaction, never
 * overwritten; one GetItem answers a repeated DELETE.
 */
const ERASURE = 'ERASURE';
const ENTITY = 'ticket-erasure';

const key = (ticketId: string): Key => ({ pk: joinKey(ERASURE, ticketId), sk: ERASURE });

export const ticketErasureEntity = {
  name: ENTITY,
  key,
  item: (ticketId: string) => envelope(ENTITY, key(ticketId)),
};
