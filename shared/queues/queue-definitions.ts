import type { Clock } from '#platform/ports.js';
import type { QueueDirectory } from './ports.js';
import type { QueueDefinition } from './queue.js';
import type { QueueDefinitions } from './use-cases/auto-assign.js';

/** How long a container routes by the queue settings it read: an admin's change applies within this. */
export const QUEUE_DEFINITIONS_TTL_MS = 10_000;

/** Bumped by an admin's change of a queue made in this process; every cache here then lists again. */
let generation = 0;

/**
 * The queues changed in this process: its caches list them again at their next read. In the
 * cloud the queue routes run in their own functions, so there the time to live applies; under
 * `npm start` (one process) a change applies at once.
 */
export const queueDefinitionsChanged = (): void => {
  generation++;
};
/**
 * The queue definitions, listed once per container and `ttlMs` (one bounded Query), for routing.
 * An id the list lacks is read on its own (one Query, `QueueDirectory.get`): a queue created
 * after the list was read (by another container, a moment ago) routes at once, also for the
 * concurrent requests that all miss it together; it then joins the list until the next reload.
 */
export const cachedQueueDefinitions = (
  directory: Pick<QueueDirectory, 'list' | 'get'>,
  clock: Clock,
  ttlMs = QUEUE_DEFINITIONS_TTL_MS,
): QueueDefinitions => {
  let cached: { at: number; generation: number; queues: Promise<Map<string, QueueDefinition>> } | undefined;
  const reload = (now: number) => {
    const queues = directory
      .list()
      .then((list) => new Map(list.map(({ counts: _, ...queue }) => [queue.id, queue])));
    const entry = { at: now, generation, queues };
    cached = entry;
    queues.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return queues;
  };
  const load = (): Promise<Map<string, QueueDefinition>> => {
    const now = clock.now().getTime();
    return cached && cached.generation === generation && now - cached.at < ttlMs
      ? cached.queues
      : reload(now);
  };
  return {
    async definition(queueId) {
      const listed = await load();
      const found = listed.get(queueId);
      if (found) return found;
      const queue = await directory.get(queueId);
      if (!queue) return null;
      const { counts: _, ...definition } = queue;
      // Listed from now on too, so handing out waiting tickets (`all`) sees it within this list's life.
      listed.set(queueId, definition);
      return definition;
    },
    all: async () => [...(await load()).values()],
  };
};
