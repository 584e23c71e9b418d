import { envelope, joinKey, type Key, prefixOf, type QuerySpec } from './key.js';

/**
 * The heads of the search index segments (docs/search.md): `SEARCH#<index>` /
 * `<scope>#<segment>` (tickets: scope = organisation, segment = the tickets' creation month;
 * every organisation's tickets for staff: `SEARCH#tickets-all` / `all#<month>`; the knowledge
 * base: one scope, one segment). A head names the segment's current object in
 * the bucket and its version; a writer moves it with a condition on the version it read, so
 * two writers never lose each other's changes. One Query lists a scope's (or every scope's)
 * segments, or a scope's months in a range.
 */
const SEARCH = 'SEARCH';
const ENTITY = 'search-segment';

const partition = (index: string) => joinKey(SEARCH, index);
const key = (index: string, scope: string, segment: string): Key => ({
  pk: partition(index),
  sk: joinKey(scope, segment),
});

export const searchSegmentEntity = {
  name: ENTITY,
  key,
  item: (index: string, scope: string, segment: string) => envelope(ENTITY, key(index, scope, segment)),
  queries: {
    /** The segments of one scope, or of the whole index. */
    ofIndex: (index: string, scope?: string): QuerySpec => ({
      pk: partition(index),
      ...(scope !== undefined ? { skPrefix: prefixOf(scope) } : {}),
      descending: false,
    }),
    /** The segments of one scope from one segment name to another, both included (months). */
    ofScopeBetween: (index: string, scope: string, from: string, to: string): QuerySpec => ({
      pk: partition(index),
      skBetween: { from: joinKey(scope, from), to: joinKey(scope, to) },
      descending: false,
    }),
  },
};
