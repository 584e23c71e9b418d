import { beforeAll, describe, expect, it } from 'vitest';
import { CursorCodec } from '#platform/cursor.js';
import { Invalid } from '#platform/errors.js';
import { indexTicketChanges } from '#search/use-cases/index-tickets.js';
import { reindexTickets } from '#search/use-cases/reindex-tickets.js';
import { SegmentTicketSearch } from '#search/use-cases/search-tickets.js';
import type { TicketSearchSpec } from '#tickets/ports.js';
import { type FixtureTicket, fixtureTicket, streamOf } from './fixture.js';
import { MemorySegmentStore } from './memory-segment-store.js';

/**
 * Bounded ticket search (docs/search.md "Bounded search"): a staff search reads one segment
 * per month of its window, not one per organisation and month; clients still read their own
 * organisation's segments only. Two desks, 3 and 24 organisations, each with one ticket per
 * organisation and month over 30 months (July 2024 to December 2026), searched on 15 December 2026.
 */

const MONTHS = 30;
const now = new Date('2026-12-15T12:00:00Z');

const monthOf = (back: number) => new Date(Date.UTC(2026, 11 - back, 10, 9, 0, 0));

interface Desk {
  store: MemorySegmentStore;
  search: SegmentTicketSearch;
  tickets: FixtureTicket[];
}

/** One ticket per organisation and month; the newest month's speak of a calibration, each has a note. */
const buildDesk = async (organisations: number): Promise<Desk> => {
  const tickets: FixtureTicket[] = [];
  for (let org = 0; org < organisations; org++) {
    for (let back = 0; back < MONTHS; back++) {
      const n = org * 100 + back + 1;
      const createdAt = monthOf(back).toISOString();
      const generated = fixtureTicket(
        n,
        {
          subject: back === 0 ? 'Scanner needs a calibration' : `Monthly printer check ${back}`,
          description: back === 20 ? 'A vintage plotter stopped.' : 'Nothing else to say.',
          orgId: `org-${org}`,
        },
        [{ body: 'Escalated to vendor octopus.', internal: true }, { body: 'We are on it.' }],
      );
      tickets.push({
        ticket: {
          ...generated.ticket,
          createdAt,
          updatedAt: createdAt,
          reference: `HD-${createdAt.slice(0, 4)}-${String(n).padStart(6, '0')}`,
        },
        messages: generated.messages.map((message) => ({ ...message, createdAt })),
      });
    }
  }
  const store = new MemorySegmentStore();
  const byId = new Map(tickets.map(({ ticket }) => [ticket.id, ticket]));
  const conversations = new Map(tickets.map(({ ticket, messages }) => [ticket.id, messages]));
  const deps = {
    segments: store,
    tickets: {
      getTicket: async (id: string) => byId.get(id) ?? null,
      conversation: async function* (id: string) {
        yield conversations.get(id) ?? [];
      },
    },
    clock: { now: () => now },
  };
  const changes = streamOf(tickets);
  for (let at = 0; at < changes.length; at += 100)
    await indexTicketChanges(deps, changes.slice(at, at + 100));
  const search = new SegmentTicketSearch(store, new CursorCodec('bounded-search-cursor-secret'), {
    now: () => now,
  });
  return { store, search, tickets };
};

/** A search and the number of segment objects it read. */
const run = async (desk: Desk, spec: Partial<TicketSearchSpec> & { text: string }) => {
  const before = desk.store.objectReads;
  const page = await desk.search.search({ includeInternal: true, filters: {}, limit: 100, ...spec });
  return { page, reads: desk.store.objectReads - before };
};

const orgOf = (desk: Desk, id: string) => desk.tickets.find(({ ticket }) => ticket.id === id)?.ticket.orgId;

let small: Desk;
let large: Desk;

beforeAll(async () => {
  small = await buildDesk(3);
  large = await buildDesk(24);
}, 60_000);

describe('a staff search', () => {
  it('reads one segment per month of its window, whatever the number of organisations', async () => {
    for (const [desk, organisations] of [
      [small, 3],
      [large, 24],
    ] as const) {
      const { page, reads } = await run(desk, { text: 'calibration' });
      expect(reads).toBe(12);
      // Every organisation's ticket is found.
      expect(new Set(page.items.map((id) => orgOf(desk, id))).size).toBe(organisations);
      expect(page.searched).toEqual({
        createdFrom: '2026-01-01T00:00:00.000Z',
        createdTo: now.toISOString(),
      });
    }
    // The per-organisation segments are 24 × 30 here: a staff search never opens them.
    expect([...large.store.heads.values()].filter((head) => head.index === 'tickets')).toHaveLength(24 * 30);
  });

  it('finds internal notes for staff, not for an integration', async () => {
    const staff = await run(small, { text: 'octopus' });
    expect(staff.page.items).toHaveLength(3 * 12);
    const integration = await run(small, { text: 'octopus', includeInternal: false });
    expect(integration.page.items).toEqual([]);
    expect(integration.reads).toBe(12);
  });

  it('reaches older tickets when createdFrom widens the window, and says so', async () => {
    expect((await run(large, { text: 'vintage' })).page.items).toEqual([]);
    const widened = await run(large, { text: 'vintage', createdFrom: '2025-01-01', createdTo: '2025-12-31' });
    expect(widened.page.items).toHaveLength(24);
    expect(widened.reads).toBe(12);
    expect(widened.page.searched).toEqual({
      createdFrom: '2025-01-01T00:00:00.000Z',
      createdTo: '2025-12-31T23:59:59.999Z',
    });
    const twoYears = await run(large, { text: 'vintage', createdFrom: '2025-01-01' });
    expect(twoYears.page.items).toHaveLength(24);
    expect(twoYears.reads).toBe(24);
  });

  it('finds a ticket by its reference at any age, reading the months of its year', async () => {
    const old = large.tickets.find(({ ticket }) => ticket.createdAt.startsWith('2024-09'));
    if (!old) throw new Error('no ticket of 2024');
    const { page, reads } = await run(large, { text: old.ticket.reference.toLowerCase() });
    expect(page.items).toEqual([old.ticket.id]);
    // The months of 2024 that exist: the desk starts in July 2024.
    expect(reads).toBe(6);
  });

  it('refuses a window over 24 months, naming createdFrom', async () => {
    const refused = await run(large, { text: 'vintage', createdFrom: '2024-12-01' }).catch((error) => error);
    expect(refused).toBeInstanceOf(Invalid);
    expect((refused as Invalid).errors?.[0]?.path).toBe('createdFrom');
    const backwards = await run(large, {
      text: 'vintage',
      createdFrom: '2025-06-01',
      createdTo: '2025-05-01',
    }).catch((error) => error);
    expect((backwards as Invalid).errors?.[0]?.path).toBe('createdTo');
  });
});

describe('a client search', () => {
  it('reads its own organisation’s months only and never finds another’s tickets or notes', async () => {
    const client = { orgId: 'org-7', includeInternal: false };
    const { page, reads } = await run(large, { text: 'calibration', ...client });
    expect(reads).toBe(12);
    expect(page.items.map((id) => orgOf(large, id))).toEqual(['org-7']);
    expect((await run(large, { text: 'octopus', ...client })).page.items).toEqual([]);
    const foreign = large.tickets.find(({ ticket }) => ticket.orgId === 'org-8')?.ticket.reference ?? '';
    expect((await run(large, { text: foreign, ...client })).page.items).toEqual([]);
  });
});

describe('the back-fill (npm run search:reindex)', () => {
  it('fills the index of every organisation from the tickets, leaving the organisations’ segments as they are', async () => {
    // The desk as it was before the index of every organisation existed.
    for (const [name, head] of small.store.heads)
      if (head.index === 'tickets-all') small.store.heads.delete(name);
    expect((await run(small, { text: 'calibration' })).page.items).toEqual([]);
    const organisationSegments = () =>
      [...small.store.heads.values()]
        .filter((head) => head.index === 'tickets')
        .map((head) => head.objectKey);
    const untouched = organisationSegments();

    const byTicket = new Map(small.tickets.map(({ ticket, messages }) => [ticket.id, messages]));
    const result = await reindexTickets(
      {
        segments: small.store,
        tickets: {
          getTicket: async () => null,
          conversation: async function* (id: string) {
            yield byTicket.get(id) ?? [];
          },
        },
        clock: { now: () => now },
      },
      {
        async *tickets() {
          for (let at = 0; at < small.tickets.length; at += 40)
            yield small.tickets.slice(at, at + 40).map(({ ticket }) => ticket);
        },
        messages: {
          listMessages: async (ticketId) => ({ items: byTicket.get(ticketId) ?? [], nextCursor: null }),
        },
      },
    );
    expect(result).toEqual({ tickets: 3 * MONTHS, messages: 2 * 3 * MONTHS });
    const { page } = await run(small, { text: 'calibration' });
    expect(new Set(page.items.map((id) => orgOf(small, id))).size).toBe(3);
    expect((await run(small, { text: 'octopus' })).page.items).toHaveLength(3 * 12);
    expect(organisationSegments()).toEqual(untouched);
  });
});
