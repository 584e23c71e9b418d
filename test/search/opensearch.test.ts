import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CursorCodec } from '#platform/cursor.js';
import { OpenSearchCollection, OpenSearchError } from '#search/adapters/opensearch-collection.js';
import { ticketIndexBody } from '#search/opensearch.js';
import { stemsOf } from '#search/text.js';
import { indexTicketsInCluster } from '#search/use-cases/index-tickets-cluster.js';
import { ClusterTicketSearch } from '#search/use-cases/search-tickets-cluster.js';
import type { Message, Ticket } from '#tickets/schemas.js';
import { fixtureTicket, streamOf } from './fixture.js';

/**
 * The OpenSearch Serverless engine (docs/search.md "OpenSearch Serverless") against a local HTTP
 * server that records every request and answers as a collection would: the index it creates,
 * the documents it bulk-indexes, the queries it sends for a client and for staff (who may see
 * what is in the query, not filtered after), and the SigV4 signature of service `aoss`.
 */

interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let endpoint = '';
const requests: Recorded[] = [];
/** The next answers, by `METHOD path`; unlisted requests get 200 `{}`. */
let answers: Map<string, { status: number; body: unknown }[]>;

const answer = (key: string, status: number, body: unknown) =>
  answers.set(key, [...(answers.get(key) ?? []), { status, body }]);

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const recorded = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const queue = answers.get(`${recorded.method} ${recorded.path}`) ?? [];
      const next = queue.shift() ?? { status: 200, body: {} };
      response.writeHead(next.status, { 'content-type': 'application/json' });
      response.end(recorded.method === 'HEAD' ? undefined : JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  requests.length = 0;
  answers = new Map();
});

const env = {
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'session-token-of-the-function',
};
const collection = () => new OpenSearchCollection({ endpoint, env, retries: 0 });
const now = new Date('2026-12-02T10:00:00Z');
const search = () =>
  new ClusterTicketSearch(collection(), new CursorCodec('opensearch-test-cursor-secret'), { now: () => now });

const fixture = fixtureTicket(
  42,
  { subject: 'Drucker streikt', description: 'Die Druckertreiberinstallation bricht ab.', orgId: 'acme' },
  [{ body: 'Faktury nie drukują się' }, { body: 'Vendor case octopus-17 opened', internal: true }],
);
const { messages } = fixture;
/** With custom field values: a select's option and a number. */
const ticket: Ticket = { ...fixture.ticket, fields: { impact: 'Site down', seats: 20 } };
const tickets = new Map<string, Ticket>([[ticket.id, ticket]]);
const store = {
  getTicket: async (id: string) => tickets.get(id) ?? null,
  conversation: async function* (id: string): AsyncIterable<Message[]> {
    if (id === ticket.id) yield messages;
  },
};

const bodyOf = (recorded: Recorded | undefined) => JSON.parse(recorded?.body ?? 'null');
const searchBodies = () => requests.filter((r) => r.path === '/tickets/_search').map(bodyOf);
/** Every field any multi_match of a query names. */
const fieldsOf = (query: { query: { bool: { must: { multi_match: { fields: string[] } }[] } } }) =>
  query.query.bool.must.flatMap((clause) =>
    clause.multi_match.fields.map((field) => field.split('^')[0] ?? field),
  );

describe('indexing into the collection', () => {
  it('creates the tickets index once with the four languages’ analysers, then indexes each ticket whole in one bulk request', async () => {
    answer('HEAD /tickets', 404, {});
    answer('POST /_bulk', 200, { errors: false, items: [{ index: { _id: ticket.id, status: 201 } }] });
    const cluster = collection();
    const indexed = await indexTicketsInCluster(
      { cluster, tickets: store },
      streamOf([{ ticket, messages }]),
    );
    expect(indexed).toBe(1);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'HEAD /tickets',
      'PUT /tickets',
      'POST /_bulk',
    ]);

    const created = bodyOf(requests[1]);
    expect(Object.keys(created.settings.analysis.analyzer).sort()).toEqual([
      'english_folded',
      'estonian_suffix',
      'folded',
      'folded_prefix',
      'german_folded',
      'polish_suffix',
    ]);
    expect(created.settings).not.toHaveProperty('number_of_shards');
    const mapping = created.mappings.properties;
    expect(mapping.orgId).toEqual({ type: 'keyword' });
    expect(mapping.reference).toMatchObject({ type: 'keyword', normalizer: 'folded_keyword' });
    expect(mapping.fieldValues).toEqual({ type: 'keyword' });
    for (const field of ['text', 'internalText']) {
      expect(Object.keys(mapping[field].fields).sort()).toEqual(['de', 'en', 'et', 'pl', 'prefix']);
    }

    const bulk = requests[2];
    expect(bulk?.headers['content-type']).toBe('application/x-ndjson');
    const lines = (bulk?.body ?? '')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toEqual({ index: { _index: 'tickets', _id: ticket.id } });
    expect(lines[1]).toMatchObject({
      reference: ticket.reference,
      orgId: 'acme',
      status: 'open',
      version: ticket.version,
      // The note is kept apart from what a client may match.
      text: ['Drucker streikt', 'Die Druckertreiberinstallation bricht ab.', 'Faktury nie drukują się'],
      internalText: ['Vendor case octopus-17 opened'],
      // Custom field values as `<id>:<value>` keywords, for the list's `field=` filter.
      fieldValues: ['impact:Site down', 'seats:20'],
    });

    // The same container does not ask for the index again.
    answer('POST /_bulk', 200, { errors: false, items: [] });
    await indexTicketsInCluster({ cluster, tickets: store }, streamOf([{ ticket, messages: [] }]));
    expect(requests.map((r) => `${r.method} ${r.path}`).slice(3)).toEqual(['POST /_bulk']);
  });

  it('adds the fields mapped since to an index that already exists, before the first bulk of a container', async () => {
    answer('POST /_bulk', 200, { errors: false, items: [{ index: { _id: ticket.id, status: 200 } }] });
    await indexTicketsInCluster({ cluster: collection(), tickets: store }, streamOf([{ ticket, messages }]));
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'HEAD /tickets',
      'PUT /tickets/_mapping',
      'POST /_bulk',
    ]);
    expect(bodyOf(requests[1])).toEqual({ properties: { fieldValues: { type: 'keyword' } } });
  });

  it('fails the batch when the collection refuses a document, so the stream hands it over again', async () => {
    answer('POST /_bulk', 200, {
      errors: true,
      items: [
        { index: { _id: ticket.id, status: 429, error: { type: 'too_many_requests', reason: 'slow down' } } },
      ],
    });
    await expect(
      indexTicketsInCluster({ cluster: collection(), tickets: store }, streamOf([{ ticket, messages }])),
    ).rejects.toThrow(/1 of 1 tickets were not indexed: .*slow down/);
  });

  it('signs every request with SigV4 for the aoss service, the body’s SHA-256 and the session token', async () => {
    answer('POST /_bulk', 200, { errors: false, items: [] });
    await indexTicketsInCluster({ cluster: collection(), tickets: store }, streamOf([{ ticket, messages }]));
    for (const recorded of requests) {
      expect(recorded.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-central-1\/aoss\/aws4_request, SignedHeaders=[a-z0-9;-]*x-amz-content-sha256[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
      );
      expect(recorded.headers['x-amz-content-sha256']).toBe(
        createHash('sha256').update(recorded.body).digest('hex'),
      );
      expect(recorded.headers['x-amz-security-token']).toBe(env.AWS_SESSION_TOKEN);
    }
  });
});

describe('searching the collection', () => {
  const hits = (...ids: string[]) => ({ hits: { hits: ids.map((id) => ({ _id: id })) } });

  it('filters a client’s query to its organisation and never lets an internal note match', async () => {
    answer('POST /tickets/_search', 200, hits(ticket.id));
    const page = await search().search({
      text: 'drucker faktura',
      orgId: 'acme',
      includeInternal: false,
      filters: { status: 'open' },
      limit: 20,
    });
    expect(page.items).toEqual([ticket.id]);
    expect(page.searched).toEqual({ createdFrom: '2026-01-01T00:00:00.000Z', createdTo: now.toISOString() });
    const [query] = searchBodies();
    expect(query.query.bool.filter).toEqual([
      { term: { orgId: 'acme' } },
      { term: { status: 'open' } },
      { range: { createdAt: { gte: '2026-01-01T00:00:00.000Z', lte: now.toISOString() } } },
    ]);
    // Every word must match (one `must` each), in the client-visible text only.
    expect(query.query.bool.must).toHaveLength(2);
    expect(new Set(fieldsOf(query))).toEqual(
      new Set(['text', 'text.en', 'text.de', 'text.pl', 'text.et', 'text.prefix']),
    );
    expect(query.sort).toEqual([{ _score: 'desc' }, { createdAt: 'desc' }]);
  });

  it('searches every organisation and the internal notes for staff; an integration gets no notes', async () => {
    answer('POST /tickets/_search', 200, hits(ticket.id));
    answer('POST /tickets/_search', 200, hits());
    await search().search({ text: 'octopus', includeInternal: true, filters: {}, limit: 20 });
    const integration = await search().search({
      text: 'octopus',
      includeInternal: false,
      filters: {},
      limit: 20,
    });
    expect(integration.items).toEqual([]);
    const [staff, machine] = searchBodies();
    expect(staff.query.bool.filter.some((clause: object) => 'term' in clause)).toBe(false);
    expect(fieldsOf(staff)).toContain('internalText');
    expect(fieldsOf(staff)).toContain('internalText.prefix');
    expect(fieldsOf(machine).some((field) => field.startsWith('internalText'))).toBe(false);
  });

  it('filters by a custom field value in the query, a number also as the number it reads as', async () => {
    answer('POST /tickets/_search', 200, hits(ticket.id));
    answer('POST /tickets/_search', 200, hits(ticket.id));
    const page = await search().search({
      text: 'drucker',
      includeInternal: true,
      filters: { field: { id: 'impact', value: 'Site down' } },
      limit: 20,
    });
    expect(page.items).toEqual([ticket.id]);
    await search().search({
      text: 'drucker',
      orgId: 'acme',
      includeInternal: false,
      filters: { field: { id: 'seats', value: '20.0' } },
      limit: 20,
    });
    const [byText, byNumber] = searchBodies();
    expect(byText.query.bool.filter).toContainEqual({ terms: { fieldValues: ['impact:Site down'] } });
    expect(byNumber.query.bool.filter.slice(0, 2)).toEqual([
      { term: { orgId: 'acme' } },
      { terms: { fieldValues: ['seats:20.0', 'seats:20'] } },
    ]);
  });

  it('looks a reference up exactly at any age, in the caller’s scope, and says which year it searched', async () => {
    answer('POST /tickets/_search', 200, hits(ticket.id));
    const page = await search().search({
      text: ' HD-2024-000042 ',
      orgId: 'acme',
      includeInternal: false,
      filters: {},
      limit: 20,
    });
    expect(page.items).toEqual([ticket.id]);
    expect(page.searched).toEqual({
      createdFrom: '2024-01-01T00:00:00.000Z',
      createdTo: '2024-12-31T23:59:59.999Z',
    });
    const [query] = searchBodies();
    expect(query.query.bool.filter).toEqual([
      { term: { reference: 'hd-2024-000042' } },
      { term: { orgId: 'acme' } },
    ]);
  });

  it('pages by offset with the window sealed in the cursor, and orders by `sort` with no value last', async () => {
    answer('POST /tickets/_search', 200, hits('a', 'b', 'c'));
    answer('POST /tickets/_search', 200, hits('c'));
    const engine = search();
    const spec = {
      text: 'drucker',
      includeInternal: true,
      filters: {},
      sort: '-priority',
      createdFrom: '2025-06-01',
      limit: 2,
    };
    const first = await engine.search(spec);
    expect(first.items).toEqual(['a', 'b']);
    expect(first.nextCursor).not.toBeNull();
    const second = await engine.search({
      ...spec,
      ...(first.nextCursor ? { cursor: first.nextCursor } : {}),
    });
    expect(second.items).toEqual(['c']);
    expect(second.nextCursor).toBeNull();
    const [one, two] = searchBodies();
    expect([one.from, one.size, two.from, two.size]).toEqual([0, 3, 2, 3]);
    expect(one.sort).toEqual([{ priorityRank: { order: 'desc', missing: '_last' } }, { _score: 'desc' }]);
    expect(two.query.bool.filter.at(-1)).toEqual({
      range: { createdAt: { gte: '2025-06-01T00:00:00.000Z', lte: now.toISOString() } },
    });
  });

  it('finds nothing, without an error, before the first ticket created the index', async () => {
    answer('POST /tickets/_search', 404, {
      error: { type: 'index_not_found_exception', reason: 'no such index' },
    });
    const page = await search().search({ text: 'drucker', includeInternal: true, filters: {}, limit: 20 });
    expect(page.items).toEqual([]);
  });

  it('passes any other error of the collection on', async () => {
    answer('POST /tickets/_search', 403, { error: { type: 'security_exception', reason: 'no permission' } });
    await expect(
      search().search({ text: 'drucker', includeInternal: true, filters: {}, limit: 20 }),
    ).rejects.toThrow(OpenSearchError);
  });
});

describe('the analysers', () => {
  it('strip the Polish and Estonian endings as the segments do (the same rule as a pattern_replace filter)', () => {
    const filters = ticketIndexBody().settings.analysis.filter;
    const strip = (pattern: string, word: string) => word.replace(new RegExp(pattern, 'u'), '$1');
    for (const word of ['faktury', 'drukarki', 'drukarkami', 'zamowienia']) {
      expect(stemsOf(word)).toContain(strip(filters.polish_endings.pattern, word));
    }
    const estonian = (word: string) =>
      strip(filters.estonian_endings.pattern, strip(filters.estonian_endings.pattern, word));
    for (const word of ['arvete', 'arvetega', 'printerisse']) {
      expect(stemsOf(word)).toContain(estonian(word));
    }
  });
});
