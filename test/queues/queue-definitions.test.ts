import { describe, expect, it } from 'vitest';
import type { QueueDirectory } from '#queues/ports.js';
import type { Queue } from '#queues/queue.js';
import { cachedQueueDefinitions, queueDefinitionsChanged } from '#queues/queue-definitions.js';

const queue = (id: string, autoAssign: Queue['autoAssign'] = 'round-robin'): Queue => ({
  id,
  name: id,
  members: ['user-agent'],
  escalationTo: [],
  autoAssign,
  requiredSkills: {},
  version: 1,
  updatedAt: null,
  counts: { new: 3 },
});

/** The queues as stored, counting the reads routing makes of them. */
const directoryOf = (...initial: Queue[]) => {
  const stored = new Map(initial.map((q) => [q.id, q]));
  const reads = { list: 0, get: 0 };
  const directory: Pick<QueueDirectory, 'list' | 'get'> = {
    list: async () => {
      reads.list++;
      return [...stored.values()];
    },
    get: async (id) => {
      reads.get++;
      return stored.get(id) ?? null;
    },
  };
  return { stored, reads, directory };
};

const at = (iso: string) => ({ now: () => new Date(iso) });

describe('the queue definitions routing reads', () => {
  it('a queue created just after the list was read routes at once, for every request that misses it together', async () => {
    const { stored, reads, directory } = directoryOf(queue('general', 'off'));
    const definitions = cachedQueueDefinitions(directory, at('2026-12-02T10:00:00Z'));
    expect((await definitions.all()).map((q) => q.id)).toEqual(['general']);

    stored.set('burst', queue('burst', 'least-loaded'));
    const seen = await Promise.all(Array.from({ length: 5 }, () => definitions.definition('burst')));
    for (const definition of seen)
      expect(definition).toMatchObject({ id: 'burst', autoAssign: 'least-loaded' });
    // Routing reads definitions, not counts.
    expect(seen[0]).not.toHaveProperty('counts');
    // One read of that queue per request that missed it: a constant cost, never a list per miss.
    expect(reads).toEqual({ list: 1, get: 5 });
    // From then on it is listed, so handing out waiting tickets (every queue) sees it as well.
    expect((await definitions.all()).map((q) => q.id)).toEqual(['general', 'burst']);
    expect(await definitions.definition('burst')).toMatchObject({ id: 'burst' });
    expect(reads).toEqual({ list: 1, get: 5 });
  });

  it('a known queue is served from the list for its time to live; an unknown id costs one read and is null', async () => {
    const { reads, directory } = directoryOf(queue('general'));
    let now = '2026-12-02T10:00:00Z';
    const definitions = cachedQueueDefinitions(directory, { now: () => new Date(now) }, 10_000);
    expect(await definitions.definition('general')).toMatchObject({ id: 'general' });
    expect(await definitions.definition('general')).toMatchObject({ id: 'general' });
    expect(await definitions.definition('nowhere')).toBeNull();
    expect(reads).toEqual({ list: 1, get: 1 });
    now = '2026-12-02T10:00:11Z';
    await definitions.definition('general');
    expect(reads).toEqual({ list: 2, get: 1 });
  });

  it("an admin's change made in this process is routed by at once, without waiting for the time to live", async () => {
    const { stored, reads, directory } = directoryOf(queue('general', 'round-robin'));
    const definitions = cachedQueueDefinitions(directory, at('2026-12-02T10:00:00Z'));
    expect(await definitions.definition('general')).toMatchObject({ autoAssign: 'round-robin' });
    stored.set('general', queue('general', 'off'));
    expect(await definitions.definition('general')).toMatchObject({ autoAssign: 'round-robin' });
    queueDefinitionsChanged();
    expect(await definitions.definition('general')).toMatchObject({ autoAssign: 'off' });
    expect(reads.list).toBe(2);
  });
});
