import { envelope, joinKey, type Key, prefixOf, type QuerySpec } from './key.js';

/**
 * Saved views of the queue page (docs/desk.md), laid out like canned responses: one partition
 * per owner so a list is one bounded Query:
 *
 * - shared ones (written by leads and admins): `VIEWS#SHARED` / `VIEW#<id>`;
 * - a person's own: `VIEWS#USER#<userId>` / `VIEW#<id>`.
 *
 * One is read by id with one BatchGetItem of both places it may be; another person's view is
 * never looked up. A counter per partition (counter.ts) keeps each within its cap.
 */
const VIEWS = 'VIEWS';
const SHARED = 'SHARED';
const USER = 'USER';
const VIEW = 'VIEW';
const ENTITY = 'saved-view';

const partition = (ownerId: string | null): string =>
  ownerId === null ? joinKey(VIEWS, SHARED) : joinKey(VIEWS, USER, ownerId);

const key = (ownerId: string | null, id: string): Key => ({ pk: partition(ownerId), sk: joinKey(VIEW, id) });

export const savedViewEntity = {
  name: ENTITY,
  key,
  item: (ownerId: string | null, id: string) => envelope(ENTITY, key(ownerId, id)),
  /** The shared views (ownerId null) or one person's, oldest first (ids are ULIDs). */
  ofOwner: (ownerId: string | null): QuerySpec => ({
    pk: partition(ownerId),
    skPrefix: prefixOf(VIEW),
    descending: false,
  }),
  /** The counter (counter.ts) bounding the views of one partition. */
  counterOf: (ownerId: string | null): string =>
    ownerId === null ? joinKey('views', SHARED) : joinKey('views', USER, ownerId),
};
