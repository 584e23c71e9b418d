import { beforeAll, describe, expect, it } from 'vitest';
import { CursorCodec } from '#platform/cursor.js';
import { indexTicketChanges } from '#search/use-cases/index-tickets.js';
import { MAX_MATCHES, SegmentTicketSearch } from '#search/use-cases/search-tickets.js';
import type { TicketSearchSpec } from '#tickets/ports.js';
import type { Ticket } from '#tickets/schemas.js';
import { type FixtureTicket, fillerTicket, fixtureId, fixtureTicket, seeded, streamOf } from './fixture.js';
import { MemorySegmentStore } from './memory-segment-store.js';

/**
 * Search relevance on a fixture of 500 tickets in four languages (docs/search.md): each case
 * below has a known answer. The tickets reach the index as the stream hands them over.
 */

const special = {
  reply: 1001,
  accents: 1002,
  polish: 1003,
  compound: 1004,
  estonian: 1005,
  otherOrganisation: 1006,
  bothWords: 1007,
  bothWordsOnce: 1008,
  resolved: 1009,
} as const;

const specialTickets: FixtureTicket[] = [
  fixtureTicket(
    special.reply,
    { subject: 'Cannot print from the accounting app', description: 'The invoice dialog freezes.' },
    [
      { body: 'Please switch the spooler to the Kerberos profile.' },
      { body: 'Escalated to vendor Zebrafish.', internal: true },
    ],
  ),
  fixtureTicket(special.accents, {
    subject: 'Gebührenübersicht fehlt',
    description: 'In der Gebührenübersicht für März fehlen Positionen.',
  }),
  fixtureTicket(special.polish, {
    subject: 'Nie mogę wydrukować faktury',
    description: 'Drukarki w biurze nie drukują faktur od wczoraj.',
  }),
  fixtureTicket(special.compound, {
    subject: 'Druckertreiberinstallation schlägt fehl',
    description: 'Die Druckertreiberinstallation bricht mit Fehler 1603 ab.',
  }),
  fixtureTicket(special.estonian, {
    subject: 'Arvete printimine ei tööta',
    description: 'Raamatupidamise arvete printimine ei tööta alates esmaspäevast.',
  }),
  fixtureTicket(special.otherOrganisation, {
    subject: 'Quokka sync fails',
    description: 'The quokka job.',
    orgId: 'globex',
  }),
  fixtureTicket(special.bothWords, {
    subject: 'Printer driver crash',
    description: 'The printer driver crashes whenever the printer driver updates itself.',
  }),
  fixtureTicket(special.bothWordsOnce, {
    subject: 'Which device to buy',
    description:
      'Which printer should we buy next year? We also need a driver for the old scanner, some day.',
  }),
  fixtureTicket(special.resolved, {
    subject: 'Kerberos ticket renewal',
    description: 'Done.',
    status: 'resolved',
  }),
];

const random = seeded(42);
const fixture: FixtureTicket[] = [
  ...Array.from({ length: 500 - specialTickets.length }, (_, n) =>
    fillerTicket(n, random, n % 5 === 0 ? 'globex' : 'acme'),
  ),
  ...specialTickets,
];

const store = new MemorySegmentStore();
const cursors = new CursorCodec('relevance-test-cursor-secret');
// The fixture's tickets were created over 2026: the default window (12 months to now) covers them.
const search = new SegmentTicketSearch(store, cursors, { now: () => new Date('2026-12-15T12:00:00Z') });
const id = (n: number) => fixtureId('T', n);
const byId = new Map(fixture.map(({ ticket }) => [ticket.id, ticket]));
const conversations = new Map(fixture.map(({ ticket, messages }) => [ticket.id, messages]));
const deps = {
  segments: store,
  tickets: {
    getTicket: async (ticketId: string) => byId.get(ticketId) ?? null,
    conversation: async function* (ticketId: string) {
      yield conversations.get(ticketId) ?? [];
    },
  },
  clock: { now: () => new Date() },
};

const staff = (text: string, more: Partial<TicketSearchSpec> = {}) =>
  search.search({ text, includeInternal: true, filters: {}, limit: 50, ...more });
const client = (orgId: string, text: string) =>
  search.search({ text, orgId, includeInternal: false, filters: {}, limit: 50 });

beforeAll(async () => {
  const changes = streamOf(fixture);
  // In batches of 100, as the consumer gets them.
  for (let at = 0; at < changes.length; at += 100) {
    await indexTicketChanges(deps, changes.slice(at, at + 100));
  }
});

describe('ticket search relevance (500 tickets, en/de/pl/et)', () => {
  it('holds every ticket, in one segment per organisation and month and one per month for staff', () => {
    const messages = fixture.reduce((sum, { messages }) => sum + messages.length, 0);
    for (const index of ['tickets', 'tickets-all']) {
      const heads = [...store.heads.values()].filter((head) => head.index === index);
      expect(heads.reduce((sum, head) => sum + head.documents, 0)).toBe(500 + messages);
    }
    const scopes = (index: string) =>
      new Set([...store.heads.values()].filter((head) => head.index === index).map((head) => head.scope));
    expect(scopes('tickets')).toEqual(new Set(['acme', 'globex']));
    expect(scopes('tickets-all')).toEqual(new Set(['all']));
  });

  it('finds a ticket by a word that appears only in a reply', async () => {
    expect((await staff('kerberos')).items).toContain(id(special.reply));
    expect((await client('acme', 'spooler')).items).toEqual([id(special.reply)]);
  });

  it('finds an accented word typed without accents, and a prefix of it in capitals', async () => {
    expect((await staff('gebuhrenubersicht')).items).toEqual([id(special.accents)]);
    expect((await staff('GEBÜHREN')).items).toEqual([id(special.accents)]);
    expect((await staff('toota arvete')).items).toEqual([id(special.estonian)]);
  });

  it('finds a Polish inflected form from another form of the word', async () => {
    // faktury, faktur (genitive) ← faktura; wydrukować typed without its accent.
    expect((await staff('faktura wydrukowac')).items).toEqual([id(special.polish)]);
    // drukarki (nominative plural) ← drukarka.
    expect((await staff('drukarka biurze')).items).toEqual([id(special.polish)]);
  });

  it('finds a German compound by its first part', async () => {
    expect((await staff('Druckertreiber')).items).toEqual([id(special.compound)]);
    expect((await staff('drucker 1603')).items).toEqual([id(special.compound)]);
  });

  it('finds an Estonian case form from the base word', async () => {
    expect((await staff('arve printimine')).items).toEqual([id(special.estonian)]);
  });

  it('needs every word, and ranks the ticket about both words first', async () => {
    const found = (await staff('printer driver')).items;
    expect(found[0]).toBe(id(special.bothWords));
    expect(found).toContain(id(special.bothWordsOnce));
    expect(found).not.toContain(id(special.reply));
    expect(found).toHaveLength(2);
  });

  it('matches the reference exactly, in any case', async () => {
    expect((await staff('HD-2026-001001')).items).toEqual([id(special.reply)]);
    expect((await client('acme', 'hd-2026-001001')).items).toEqual([id(special.reply)]);
    expect((await client('globex', 'HD-2026-001001')).items).toEqual([]);
  });

  it('never shows a client internal notes or another organisation’s tickets', async () => {
    expect((await staff('zebrafish')).items).toEqual([id(special.reply)]);
    expect((await client('acme', 'zebrafish')).items).toEqual([]);
    expect((await client('acme', 'quokka')).items).toEqual([]);
    expect((await client('globex', 'quokka')).items).toEqual([id(special.otherOrganisation)]);
    const acmeIds = new Set(
      fixture.filter(({ ticket }) => ticket.orgId === 'acme').map(({ ticket }) => ticket.id),
    );
    for (const word of ['printer', 'drucker', 'drukarka', 'arve', 'konto']) {
      for (const found of (await client('acme', word)).items)
        expect(acmeIds.has(found), `${word}: ${found}`).toBe(true);
    }
  });

  it('combines with the list filters and orders by `sort` when it is given', async () => {
    expect((await staff('kerberos', { filters: { status: 'resolved' } })).items).toEqual([
      id(special.resolved),
    ]);
    expect((await staff('kerberos', { filters: { status: 'open' } })).items).toEqual([id(special.reply)]);
    const byCreation = (await staff('printer', { sort: 'createdAt', limit: 200 })).items;
    const created = new Map(fixture.map(({ ticket }) => [ticket.id, ticket.createdAt]));
    const times = byCreation.map((found) => created.get(found) ?? '');
    expect(times).toEqual([...times].sort());
  });

  it('pages through all matches with sealed cursors, no ticket twice', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await staff('printer', { limit: 25, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(25);
    expect(seen.length).toBeLessThanOrEqual(MAX_MATCHES);
    await expect(
      staff('drucker', { cursor: (await staff('printer', { limit: 1 })).nextCursor ?? '' }),
    ).rejects.toThrow(/cursor/);
  });

  it('keeps a ticket’s newest state and ignores a replayed older one', async () => {
    const [target] = specialTickets;
    if (!target) throw new Error('no fixture');
    const moved: Ticket = { ...target.ticket, status: 'pending', version: 3 };
    const writes = store.writes;
    await indexTicketChanges(deps, streamOf([{ ticket: moved, messages: [] }]));
    await indexTicketChanges(deps, streamOf([target]));
    // Its organisation's segment and the staff segment of its month, once each.
    expect(store.writes).toBe(writes + 2);
    expect((await staff('kerberos', { filters: { status: 'pending' } })).items).toEqual([id(special.reply)]);
  });
});
