import type { Clock } from '#platform/ports.js';
import type { QueueDirectory } from './ports.js';
import type { QueueDefinition } from './queue.js';
import type { QueueDefinitions } from './use-cases/auto-assign.js';

/** How long a container routes by the queue settings it read: an admin's change applies within this. */
export const QUEUE_DEFINITIONS_TTL_MS = 10_000;
/** A queue id missing from the list is looked up again at most this often (a queue created meanwhile). */
const MISS_RELOAD_MS = 1_000;

/**
 * The queue definitions, listed once per container and `ttlMs` (one bounded Query), for routing.
 * An id the list lacks reloads it (at most once a second): a new queue routes at once.
 */
export const cachedQueueDefinitions = (
  directory: Pick<QueueDirectory, 'list'>,
  clock: Clock,
  ttlMs = QUEUE_DEFINITIONS_TTL_MS,
): QueueDefinitions => {
  let cached: { at: number; queues: Promise<ReadonlyMap<string, QueueDefinition>> } | undefined;
  const reload = (now: number) => {
    const queues = directory
      .list()
      .then((list) => new Map(list.map(({ counts: _, ...queue }) => [queue.id, queue])));
    const entry = { at: now, queues };
    cached = entry;
    queues.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return queues;
  };
  const load = (): Promise<ReadonlyMap<string, QueueDefinition>> => {
    const now = clock.now().getTime();
    return cached && now - cached.at < ttlMs ? cached.queues : reload(now);
  };
  return {
    async definition(queueId) {
      const found = (await load()).get(queueId);
      if (found) return found;
      const now = clock.now().getTime();
      if (cached && now - cached.at < MISS_RELOAD_MS) return null;
      return (await reload(now)).get(queueId) ?? null;
    },
    all: async () => [...(await load()).values()],
  };
};
