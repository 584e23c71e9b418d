import { describe, expect, it } from 'vitest';
import type { StreamChange } from '#platform/stream.js';
import type { TicketFiles, TicketRemains } from '#tickets/ports.js';
import { eraseRemains } from '#tickets/use-cases/erase-remains.js';

/**
 * The `ticket-erasure` consumer's use case over in-memory ports: a partition and a bucket that
 * keep what they hold, so a record delivered twice, or retried after a failure half-way, shows
 * what is left.
 */
const TICKET = '01JD000000000000000000000T';

const removal = (entity = 'ticket', id = TICKET): StreamChange => ({
  eventName: 'REMOVE',
  sequence: '100',
  newImage: null,
  oldImage: { entity, id, orgId: 'acme', createdAt: '2026-12-02T10:00:00.000Z' },
});

const world = (options: { failTableOnce?: boolean } = {}) => {
  const partition = new Set(['MSG#', 'MSG#01A', 'EVENT#', 'EVENT#01B', 'ATTACHMENT#01C', 'NOTICE#tts#1']);
  const objects = new Set([`t/${TICKET}/01C`, `t/${TICKET}/01D`, 't/01OTHER00000000000000000/01E']);
  const marks: string[] = [];
  let failTable = options.failTableOnce ?? false;
  const files: TicketFiles = {
    removeFilesOf: async (ticketId) => {
      const mine = [...objects].filter((key) => key.startsWith(`t/${ticketId}/`));
      for (const key of mine) objects.delete(key);
      return mine.length;
    },
  };
  const remains: TicketRemains = {
    eraseRemains: async () => {
      if (failTable) {
        failTable = false;
        throw new Error('ProvisionedThroughputExceeded');
      }
      const count = partition.size;
      partition.clear();
      return count;
    },
    markErased: async (_ticketId, at) => {
      if (marks.length === 0) marks.push(at);
    },
  };
  const clock = { now: () => new Date('2026-12-02T12:00:00.000Z') };
  return { deps: { files, remains, clock }, partition, objects, marks };
};

describe('erasing what a deleted ticket leaves (ticket-erasure consumer)', () => {
  it('removes the ticket’s files and partition items, then marks the erasure done', async () => {
    const { deps, partition, objects, marks } = world();
    expect(await eraseRemains(deps, removal())).toEqual({ files: 2, items: 6 });
    expect(partition.size).toBe(0);
    expect([...objects]).toEqual(['t/01OTHER00000000000000000/01E']);
    expect(marks).toEqual(['2026-12-02T12:00:00.000Z']);
  });

  it('does no harm when the same record is delivered twice', async () => {
    const { deps, partition, objects, marks } = world();
    await eraseRemains(deps, removal());
    expect(await eraseRemains(deps, removal())).toEqual({ files: 0, items: 0 });
    expect(partition.size).toBe(0);
    expect([...objects]).toEqual(['t/01OTHER00000000000000000/01E']);
    expect(marks).toHaveLength(1);
  });

  it('finishes on the retry after failing half-way, and marks nothing done before', async () => {
    const { deps, partition, objects, marks } = world({ failTableOnce: true });
    await expect(eraseRemains(deps, removal())).rejects.toThrow('ProvisionedThroughputExceeded');
    expect(marks).toEqual([]);
    expect(partition.size).toBe(6);
    expect(await eraseRemains(deps, removal())).toEqual({ files: 0, items: 6 });
    expect(partition.size).toBe(0);
    expect(objects.size).toBe(1);
    expect(marks).toHaveLength(1);
  });

  it('ignores the removal of anything but a ticket item', async () => {
    const { deps, partition, objects } = world();
    expect(await eraseRemains(deps, removal('kb-article'))).toBeNull();
    expect(
      await eraseRemains(deps, { ...removal(), eventName: 'MODIFY', newImage: removal().oldImage }),
    ).toBeNull();
    expect(partition.size).toBe(6);
    expect(objects.size).toBe(3);
  });
});
