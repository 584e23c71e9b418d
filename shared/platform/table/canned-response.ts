import { envelope, joinKey, type Key, prefixOf, type QuerySpec } from './key.js';

/**
 * Canned responses (docs/desk.md), one partition per owner so a list is one bounded Query:
 *
 * - shared ones (written by leads and admins): `CANNED#SHARED` / `RESPONSE#<id>`;
 * - an agent's personal ones: `CANNED#USER#<userId>` / `RESPONSE#<id>`.
 *
 * A caller reads one by id with one BatchGetItem of both places it may be (shared, or their own):
 * another agent's personal response is never even looked up. Their number per partition is kept
 * in a counter (counter.ts, `cannedCounterOf`), so a create refuses the one too many in its
 * transaction and a list always fits one page.
 */
const CANNED = 'CANNED';
const SHARED = 'SHARED';
const USER = 'USER';
const RESPONSE = 'RESPONSE';
const ENTITY = 'canned-response';

/** The owner of a canned response: null for a shared one. */
const partition = (ownerId: string | null): string =>
  ownerId === null ? joinKey(CANNED, SHARED) : joinKey(CANNED, USER, ownerId);

const key = (ownerId: string | null, id: string): Key => ({
  pk: partition(ownerId),
  sk: joinKey(RESPONSE, id),
});

export const cannedResponseEntity = {
  name: ENTITY,
  key,
  item: (ownerId: string | null, id: string) => envelope(ENTITY, key(ownerId, id)),
  /** The shared responses (ownerId null) or one person's, oldest first (ids are ULIDs). */
  ofOwner: (ownerId: string | null): QuerySpec => ({
    pk: partition(ownerId),
    skPrefix: prefixOf(RESPONSE),
    descending: false,
  }),
  /** The counter (counter.ts) bounding the responses of one partition. */
  counterOf: (ownerId: string | null): string =>
    ownerId === null ? joinKey('canned', SHARED) : joinKey('canned', USER, ownerId),
};
