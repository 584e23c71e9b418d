import { CONFIGURATION_PARTITION } from './configuration-partition.js';
import { envelope, joinKey, type Key, prefixOf, type QuerySpec, SORT_KEY } from './key.js';

/**
 * A queue: `CONFIG` / `QUEUE#<id>`, followed by its count shards `QUEUE#<id>#SHARD#<n>`, so one
 * Query reads every queue with its counts. `QUEUE#<id>` also keys the queue's tickets on gsi2.
 */
const QUEUE = 'QUEUE';
const SHARD = 'SHARD';

/** Queue counts are spread over shards so concurrent writes to one queue rarely collide. */
export const QUEUE_COUNT_SHARDS = 8;

export const queuePartOf = (queueId: string): string => joinKey(QUEUE, queueId);

const key = (queueId: string): Key => ({ pk: CONFIGURATION_PARTITION, sk: queuePartOf(queueId) });

const ENTITY = 'queue';

export const queueEntity = {
  name: ENTITY,
  key,
  item: (queueId: string) => envelope(ENTITY, key(queueId)),
  queries: {
    /** Every queue and its count shards (bounded: queues × shards). */
    all: (): QuerySpec => ({ pk: CONFIGURATION_PARTITION, skPrefix: prefixOf(QUEUE), descending: false }),
    /** One queue and its count shards (and those of any queue whose id starts with this one: filter by `parse`). */
    one: (queueId: string): QuerySpec => ({
      pk: CONFIGURATION_PARTITION,
      skPrefix: queuePartOf(queueId),
      descending: false,
    }),
  },
  /** Which queue an item of `queries.all()` belongs to, and whether it is one of its count shards. */
  parse: (item: Record<string, unknown>): { queueId: string; countShard: boolean } | null => {
    const [, queueId, marker] = String(item[SORT_KEY]).split('#');
    return queueId ? { queueId, countShard: marker === SHARD } : null;
  },
};

const shardKey = (queueId: string, shard: number): Key => ({
  pk: CONFIGURATION_PARTITION,
  sk: joinKey(queuePartOf(queueId), SHARD, shard),
});

const COUNTS_ENTITY = 'queue-counts';

export const queueCountShardEntity = {
  name: COUNTS_ENTITY,
  key: shardKey,
  item: (queueId: string, shard: number) => envelope(COUNTS_ENTITY, shardKey(queueId, shard)),
  /** A ticket always counts in the same shard of its queue. */
  shardOf: (ticketId: string): number => {
    let hash = 0;
    for (const char of ticketId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
    return hash % QUEUE_COUNT_SHARDS;
  },
};
