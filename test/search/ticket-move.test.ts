import { describe, expect, it } from 'vitest';
import { CursorCodec } from '#platform/cursor.js';
import type { StreamChange } from '#platform/stream.js';
import { indexTicketChanges } from '#search/use-cases/index-tickets.js';
import { SegmentTicketSearch } from '#search/use-cases/search-tickets.js';
import type { Ticket } from '#tickets/schemas.js';
import { fixtureTicket, streamOf } from './fixture.js';
import { MemorySegmentStore } from './memory-segment-store.js';

/**
 * A triage ticket moved to an organisation (docs/search.md): the search-index consumer takes
 * its subject, description and every message out of the triage segment and indexes them under
 * the new organisation, once, however often the stream hands over the move.
 */

const store = new MemorySegmentStore();
// A fixed day: the fixture ticket was opened in June 2026, inside the default searched window.
const search = new SegmentTicketSearch(store, new CursorCodec('ticket-move-test-cursor-secret'), {
  now: () => new Date('2026-12-01T00:00:00Z'),
});
const { ticket, messages: conversation } = fixtureTicket(
  7001,
  { subject: 'Toner question', description: 'Which cartridge fits the plotter?', orgId: 'triage' },
  [{ body: 'The magenta ribbon is streaky' }, { body: 'Checked the warranty hologram', internal: true }],
);
const tickets = new Map<string, Ticket>([[ticket.id, ticket]]);
const deps = {
  segments: store,
  tickets: {
    getTicket: async (id: string) => tickets.get(id) ?? null,
    conversation: async function* (id: string) {
      // Two pages, as the table hands a longer conversation over.
      if (id !== ticket.id) return;
      yield conversation.slice(0, 1);
      yield conversation.slice(1);
    },
  },
  clock: { now: () => new Date() },
};

const clientSearch = async (orgId: string, text: string) =>
  (await search.search({ text, orgId, includeInternal: false, filters: {}, limit: 50 })).items;
const staffSearch = async (orgId: string, text: string) =>
  (await search.search({ text, orgId, includeInternal: true, filters: {}, limit: 50 })).items;

const moveRecord = (before: Ticket, after: Ticket): StreamChange => ({
  eventName: 'MODIFY',
  sequence: 'move',
  oldImage: { entity: 'ticket', ...before },
  newImage: { entity: 'ticket', ...after },
});

describe('a triage ticket moved to an organisation, in the search index', () => {
  it('leaves the triage segment whole and is found by its new organisation by any word, once', async () => {
    await indexTicketChanges(deps, [
      ...streamOf([{ ticket, messages: [] }]),
      ...conversation.map(
        (message, n): StreamChange => ({
          eventName: 'INSERT',
          sequence: `m${n}`,
          oldImage: null,
          newImage: { entity: 'message', ...message },
        }),
      ),
    ]);
    expect(await clientSearch('triage', 'magenta')).toEqual([ticket.id]);
    expect(await clientSearch('globex', 'magenta')).toEqual([]);

    const moved: Ticket = { ...ticket, orgId: 'globex', version: ticket.version + 1 };
    tickets.set(ticket.id, moved);
    await indexTicketChanges(deps, [moveRecord(ticket, moved)]);

    // Found under the new organisation by the subject, the description and a message…
    for (const word of ['toner', 'cartridge', 'magenta']) {
      expect(await clientSearch('globex', word)).toEqual([ticket.id]);
    }
    // …its internal note by staff only…
    expect(await clientSearch('globex', 'hologram')).toEqual([]);
    expect(await staffSearch('globex', 'hologram')).toEqual([ticket.id]);
    // …and nothing of it is left under triage.
    for (const word of ['toner', 'cartridge', 'magenta', 'hologram']) {
      expect(await staffSearch('triage', word)).toEqual([]);
    }
    const [triage] = await store.segments('tickets', 'triage');
    expect(triage?.documentsOf(ticket.id)).toEqual([]);
    const [globex] = await store.segments('tickets', 'globex');
    expect(globex?.documentsOf(ticket.id)).toHaveLength(1 + conversation.length);

    // The stream hands the move over again: nothing changes, nothing is written.
    const writes = store.writes;
    await indexTicketChanges(deps, [moveRecord(ticket, moved)]);
    expect(store.writes).toBe(writes);
    expect(await clientSearch('globex', 'magenta')).toEqual([ticket.id]);
  });
});
