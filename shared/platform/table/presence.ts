import { envelope, joinKey, type Key, prefixOf, type QuerySpec } from './key.js';

/**
 * Who is on a ticket right now (docs/desk.md): `PRESENCE#<ticketId>` / `USER#<userId>`, one item
 * per person, overwritten by each heartbeat. It carries the table's TTL attribute so DynamoDB
 * deletes it eventually; since that deletion is lazy (up to days), reads also drop the items whose
 * `expiresAt` has passed. Kept out of the ticket's partition: heartbeats are frequent and nothing
 * that reads a ticket's collections should page past them.
 */
const PRESENCE = 'PRESENCE';
const USER = 'USER';
const ENTITY = 'presence';

const partition = (ticketId: string) => joinKey(PRESENCE, ticketId);
const key = (ticketId: string, userId: string): Key => ({
  pk: partition(ticketId),
  sk: joinKey(USER, userId),
});

export const presenceEntity = {
  name: ENTITY,
  key,
  item: (ticketId: string, userId: string) => envelope(ENTITY, key(ticketId, userId)),
  /** Everyone who sent a heartbeat on the ticket (expired ones included until TTL removes them). */
  ofTicket: (ticketId: string): QuerySpec => ({
    pk: partition(ticketId),
    skPrefix: prefixOf(USER),
    descending: false,
  }),
};
