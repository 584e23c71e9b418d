import type { Clock } from '#platform/ports.js';
import { ttlCache } from '#platform/ttl-cache.js';

/** Queue names by id, for the words a person reads (a mail says "Billing", not `billing`). */
export interface QueueNames {
  /** The queue's name; its id when no queue of that id is listed. */
  nameOf(queueId: string): Promise<string>;
}

/** How long a container keeps the queue names: a renamed queue shows its new name after this. */
export const QUEUE_NAMES_TTL_MS = 5 * 60 * 1000;

/**
 * The queue directory's names, listed once per container and `ttlMs` (one bounded Query over the
 * queue definitions), shared by every mail in between.
 */
export const cachedQueueNames = (
  directory: { list(): Promise<{ id: string; name: string }[]> },
  clock: Clock,
  ttlMs = QUEUE_NAMES_TTL_MS,
): QueueNames => {
  const cache = ttlCache<ReadonlyMap<string, string>>(clock, ttlMs);
  const load = async () => new Map((await directory.list()).map((queue) => [queue.id, queue.name]));
  return {
    async nameOf(queueId) {
      return (await cache('queues', load)).get(queueId) ?? queueId;
    },
  };
};
