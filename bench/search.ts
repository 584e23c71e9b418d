/**
 * Search bench (docs/search.md): 100,000 generated tickets of one organisation (subject,
 * description, a reply, some internal notes; four languages plus a long tail of rarer words),
 * indexed into monthly segments as the stream consumer builds them, serialized and loaded back
 * as a cold container would, then searched. `npm run bench` runs it with the rest;
 * `npx tsx bench/search.ts` alone. Not a test: the figures depend on the machine.
 */

import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { CursorCodec } from '#platform/cursor.js';
import { SegmentIndex } from '#search/engine.js';
import type { IndexName, SegmentStore } from '#search/ports.js';
import {
  allOrganisationsSegment,
  messageDocument,
  ticketDocument,
  ticketSegment,
} from '#search/ticket-documents.js';
import { SegmentTicketSearch } from '#search/use-cases/search-tickets.js';
import { fillerTicket, seeded } from '../test/search/fixture.js';

const TICKETS = Number(process.env.BENCH_SEARCH_TICKETS ?? 100_000);

const percentile = (sorted: number[], p: number) =>
  Math.round((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) * 10) / 10;

/** Pronounceable made-up words, drawn with a Zipf-like skew: a long tail as real text has. */
const rareWords = (random: () => number) => {
  const syllables = 'ka ro mi tu sel van dor pe li zan qu ox bri fen gal hut ni sto wer yam'.split(' ');
  const vocabulary = Array.from({ length: 40_000 }, (_, n) => {
    let word = '';
    let rest = n + 17;
    do {
      word += syllables[rest % syllables.length];
      rest = Math.floor(rest / syllables.length);
    } while (rest > 0);
    return word;
  });
  return (count: number) =>
    Array.from({ length: count }, () => vocabulary[Math.floor(vocabulary.length * random() ** 3)]).join(' ');
};

export const benchSearch = async () => {
  const random = seeded(7);
  const tail = rareWords(random);
  const started = performance.now();
  const segments = new Map<string, SegmentIndex>();
  let documents = 0;
  for (let n = 0; n < TICKETS; n++) {
    const { ticket, messages } = fillerTicket(n, random, 'bench');
    const fixture = { ...ticket, description: `${ticket.description} ${tail(8)}` };
    const address = ticketSegment(fixture);
    let segment = segments.get(address.segment);
    if (!segment) {
      segment = SegmentIndex.empty();
      segments.set(address.segment, segment);
    }
    segment.put(ticketDocument(fixture));
    for (const message of messages)
      segment.put(messageDocument(ticket.id, { ...message, body: `${message.body} ${tail(4)}` }));
    documents += 1 + messages.length;
  }
  const buildMs = performance.now() - started;

  // As stored: gzipped JSON per segment; loaded back as a cold container does.
  let storedBytes = 0;
  const objects = [...segments.values()].map((segment) => {
    const bytes = gzipSync(segment.toJSON(), { level: 1 });
    storedBytes += bytes.length;
    return bytes;
  });
  segments.clear();
  const loadStarted = performance.now();
  const loaded = objects.map((bytes) => SegmentIndex.fromJSON(gunzipSync(bytes).toString('utf8')));
  // The first search of a container also builds each segment's inverted index: part of the cold load.
  for (const segment of loaded) segment.search({ words: ['x'], includeRestricted: true });
  const coldLoadMs = performance.now() - loadStarted;

  // One segment rewritten by the consumer: parse, add a message, serialize, gzip.
  const rewriteStarted = performance.now();
  const [first] = objects;
  if (first) {
    const segment = SegmentIndex.fromJSON(gunzipSync(first).toString('utf8'));
    segment.put({ id: 'bench/new', group: 'bench', text: 'a new reply' });
    gzipSync(segment.toJSON(), { level: 1 });
  }
  const segmentRewriteMs = performance.now() - rewriteStarted;

  const store: SegmentStore = {
    segments: async (_index: IndexName) => loaded,
    head: async () => null,
    loadForWriting: async () => SegmentIndex.empty(),
    replace: async () => true,
  };
  const search = new SegmentTicketSearch(store, new CursorCodec('bench-search-cursor-secret'), {
    now: () => new Date('2026-12-15T12:00:00Z'),
  });
  const queries: { name: string; text: string; includeInternal: boolean }[] = [
    { name: 'common word', text: 'printer', includeInternal: true },
    { name: 'two common words', text: 'Drucker Rechnung', includeInternal: true },
    { name: 'rare word', text: tail(1), includeInternal: true },
    { name: 'rare + common', text: `${tail(1)} konto`, includeInternal: false },
    { name: 'prefix (3 letters)', text: 'dru', includeInternal: true },
    { name: 'accents typed plainly', text: 'polaczenie', includeInternal: false },
    { name: 'reference', text: 'HD-2026-004242', includeInternal: false },
  ];
  const latencies: number[] = [];
  const byQuery: Record<string, { p50: number; p99: number; matches: number }> = {};
  for (const query of queries) {
    const times: number[] = [];
    let matches = 0;
    for (let round = 0; round < 30; round++) {
      const text = query.name.startsWith('rare') ? query.text.replace(/^\S+/, tail(1)) : query.text;
      const at = performance.now();
      const page = await search.search({
        text,
        includeInternal: query.includeInternal,
        filters: {},
        limit: 25,
      });
      times.push(performance.now() - at);
      matches = Math.max(matches, page.items.length);
    }
    times.sort((a, b) => a - b);
    latencies.push(...times);
    byQuery[query.name] = { p50: percentile(times, 50), p99: percentile(times, 99), matches };
  }
  latencies.sort((a, b) => a - b);
  const result = {
    tickets: TICKETS,
    documents,
    segments: objects.length,
    buildSeconds: Math.round(buildMs / 100) / 10,
    storedMb: Math.round(storedBytes / 1e5) / 10,
    coldLoadMs: Math.round(coldLoadMs),
    segmentRewriteMs: Math.round(segmentRewriteMs),
    searchP50Ms: percentile(latencies, 50),
    searchP95Ms: percentile(latencies, 95),
    searchP99Ms: percentile(latencies, 99),
    byQuery,
    /** The machine's 1-minute load average while the searches ran (other work shares the cores). */
    loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10,
  };
  console.log(
    `\nSearch: ${TICKETS} tickets of one organisation (${documents} documents, ${objects.length} segments)`,
  );
  console.table(byQuery);
  console.table({ ...result, byQuery: undefined });
  return { ...result, staffSearch: await benchStaffSearch() };
};

const STAFF_ORGANISATIONS = 50;
const STAFF_MONTHS = 12;
const STAFF_TICKETS_PER_ORG_MONTH = Number(process.env.BENCH_STAFF_TICKETS_PER_ORG_MONTH ?? 20);

/**
 * A staff search over 50 organisations × 12 months (docs/search.md "Bounded search"), before
 * and after the index of every organisation: the segment objects a search reads, a cold
 * search (every object gunzipped, parsed and its inverted index built, as a fresh container
 * does) and warm searches (segments in memory).
 */
export const benchStaffSearch = async () => {
  const random = seeded(11);
  const tail = rareWords(random);
  const perOrganisation = new Map<string, SegmentIndex>();
  const perMonth = new Map<string, SegmentIndex>();
  const into = (segments: Map<string, SegmentIndex>, name: string) => {
    let segment = segments.get(name);
    if (!segment) {
      segment = SegmentIndex.empty();
      segments.set(name, segment);
    }
    return segment;
  };
  let n = 0;
  for (let org = 0; org < STAFF_ORGANISATIONS; org++) {
    for (let month = 0; month < STAFF_MONTHS; month++) {
      for (let k = 0; k < STAFF_TICKETS_PER_ORG_MONTH; k++, n++) {
        const { ticket, messages } = fillerTicket(n, random, `org-${org}`);
        const createdAt = new Date(Date.UTC(2026, month, 1 + (k % 27), 9)).toISOString();
        const fixture = {
          ...ticket,
          createdAt,
          updatedAt: createdAt,
          description: `${ticket.description} ${tail(8)}`,
        };
        const documents = [
          ticketDocument(fixture),
          ...messages.map((message) =>
            messageDocument(ticket.id, { ...message, body: `${message.body} ${tail(4)}` }),
          ),
        ];
        const own = ticketSegment(fixture);
        const all = allOrganisationsSegment(fixture);
        for (const document of documents) {
          into(perOrganisation, `${own.scope}#${own.segment}`).put(document);
          into(perMonth, `${all.scope}#${all.segment}`).put(document);
        }
      }
    }
  }
  const stored = (segments: Map<string, SegmentIndex>) =>
    [...segments.values()].map((segment) => gzipSync(segment.toJSON(), { level: 1 }));
  const layouts = { before: stored(perOrganisation), after: stored(perMonth) };
  perOrganisation.clear();
  perMonth.clear();

  const queries = ['printer', 'Drucker Rechnung', 'dru', 'polaczenie'];
  const figures: Record<string, Record<string, number>> = {};
  for (const [name, objects] of Object.entries(layouts)) {
    let reads = 0;
    let loaded: SegmentIndex[] = [];
    const store: SegmentStore = {
      // Before: every organisation's segments (the old staff search); after: the 12 months.
      // Parsed on the first search (cold), kept in memory after it (a warm container's cache).
      segments: async () => {
        reads += objects.length;
        if (!loaded.length)
          loaded = objects.map((bytes) => SegmentIndex.fromJSON(gunzipSync(bytes).toString('utf8')));
        return loaded;
      },
      head: async () => null,
      loadForWriting: async () => SegmentIndex.empty(),
      replace: async () => true,
    };
    const search = new SegmentTicketSearch(store, new CursorCodec('bench-search-cursor-secret'), {
      now: () => new Date('2026-12-15T12:00:00Z'),
    });
    const ask = (text: string) => search.search({ text, includeInternal: true, filters: {}, limit: 25 });
    const coldStarted = performance.now();
    await ask('printer');
    const coldMs = performance.now() - coldStarted;
    const times: number[] = [];
    for (let round = 0; round < 20; round++) {
      for (const text of queries) {
        const at = performance.now();
        await ask(text);
        times.push(performance.now() - at);
      }
    }
    times.sort((a, b) => a - b);
    figures[name] = {
      objectsPerSearch: reads / (1 + times.length),
      storedMb: Math.round(objects.reduce((sum, bytes) => sum + bytes.length, 0) / 1e5) / 10,
      coldSearchMs: Math.round(coldMs),
      warmP50Ms: percentile(times, 50),
      warmP99Ms: percentile(times, 99),
    };
  }
  const result = {
    organisations: STAFF_ORGANISATIONS,
    months: STAFF_MONTHS,
    tickets: n,
    before: figures.before,
    after: figures.after,
    loadAverage: Math.round((loadavg()[0] ?? 0) * 10) / 10,
  };
  console.log(
    `\nStaff search: ${STAFF_ORGANISATIONS} organisations × ${STAFF_MONTHS} months, ${n} tickets (before: a segment per organisation and month; after: one per month)`,
  );
  console.table(figures);
  return result;
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--staff')) await benchStaffSearch();
  else await benchSearch();
}
