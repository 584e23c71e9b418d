import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CursorCodec } from '#platform/cursor.js';
import { keyCondition } from '#platform/table/query.js';
import { searchSegmentEntity } from '#platform/table/search-segment.js';
import { DynamoRebuildSource } from '#reports/adapters/dynamodb-rebuild-source.js';
import { TableBucketSegmentStore } from '#search/adapters/segment-store.js';
import { reindexTickets } from '#search/use-cases/reindex-tickets.js';
import { DynamoTicketStore } from '#tickets/adapters/dynamodb-ticket-store.js';
import { call, type DemoLogin, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * `GET /tickets?q=` on the product as `npm start` runs it: the stream consumer keeps the index
 * (segment heads in DynamoDB Local, objects on the local S3 server), the list route searches it.
 * The authorization matrix on search: who finds what (docs/search.md).
 */

let rt: TestRuntime;
const tokens: Record<string, string> = {};
const logins: Record<string, DemoLogin> = {
  acme: 'client@acme.example',
  globex: 'client@globex.example',
  agent: 'agent@helpdesk.example',
  lead: 'lead@helpdesk.example',
  admin: 'admin@helpdesk.example',
};
const tickets: Record<'acme' | 'globex' | 'later', { id: string; reference: string }> = {} as never;

const api = (path: string, as: string, init: { method?: string; body?: unknown } = {}) =>
  call(`${rt.api}${path}`, { token: tokens[as] ?? '', ...init });

const create = async (as: string, subject: string, description: string) => {
  const created = await api('/tickets', as, { method: 'POST', body: { subject, description } });
  expect(created.status).toBe(201);
  return { id: created.body.id as string, reference: created.body.reference as string };
};

const post = async (ticketId: string, as: string, body: string, internal = false) => {
  const posted = await api(`/tickets/${ticketId}/messages`, as, { method: 'POST', body: { body, internal } });
  expect(posted.status).toBe(201);
};

const found = async (as: string, query: string): Promise<string[]> => {
  const answer = await api(`/tickets?${query}`, as);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return (answer.body.items as { id: string }[]).map((ticket) => ticket.id);
};

beforeAll(async () => {
  rt = await startTestRuntime();
  for (const [who, email] of Object.entries(logins)) tokens[who] = await rt.token(email);
  tokens.integration = await rt.integratorToken(['tickets.read']);
  tickets.acme = await create(
    'acme',
    'Label printer jams',
    'The Zebra label printer in the Lagerhalle jams.',
  );
  await post(tickets.acme.id, 'agent', 'Please run the calibration wizard once.');
  await post(tickets.acme.id, 'agent', 'Vendor case octopus-17 opened.', true);
  tickets.globex = await create('globex', 'Warehouse scanner', 'The scanner needs a calibration as well.');
  tickets.later = await create('acme', 'Ołówek zgubiony', 'Zażółć gęślą jaźń: the calibration of nothing.');
  await rt.drained();
}, 60_000);
afterAll(() => rt.stop());

describe('GET /tickets?q= (full-text search)', () => {
  it('finds a ticket by a word of a reply, by an accented word typed plainly, and by its reference', async () => {
    expect(await found('agent', 'q=wizard')).toEqual([tickets.acme.id]);
    expect(await found('agent', 'q=lagerhall')).toEqual([tickets.acme.id]);
    expect(await found('acme', 'q=olowek')).toEqual([tickets.later.id]);
    expect(await found('agent', `q=${tickets.acme.reference}`)).toEqual([tickets.acme.id]);
    expect(await found('acme', `q=${tickets.acme.reference.toLowerCase()}`)).toEqual([tickets.acme.id]);
  });

  it.each([
    ['acme', ['acme', 'later'], []],
    ['globex', ['globex'], []],
    ['agent', ['acme', 'globex', 'later'], ['acme']],
    ['lead', ['acme', 'globex', 'later'], ['acme']],
    ['admin', ['acme', 'globex', 'later'], ['acme']],
    ['integration', ['acme', 'globex', 'later'], []],
  ] as const)(
    'lets %s find exactly what it may see (public words; internal notes)',
    async (who, publicHits, noteHits) => {
      const ids = (names: readonly string[]) =>
        names.map((name) => tickets[name as keyof typeof tickets].id).sort();
      expect((await found(who, 'q=calibration')).sort()).toEqual(ids(publicHits));
      expect((await found(who, 'q=octopus')).sort()).toEqual(ids(noteHits));
      // Another organisation's reference finds nothing for a client.
      if (who === 'globex') expect(await found(who, `q=${tickets.acme.reference}`)).toEqual([]);
    },
  );

  it('says which creation window it searched, and finds nothing created outside it', async () => {
    const answer = await api('/tickets?q=calibration', 'agent');
    expect(answer.status).toBe(200);
    const now = new Date();
    const firstMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)).toISOString();
    expect(answer.body.searched.createdFrom).toBe(firstMonth);
    expect(Date.parse(answer.body.searched.createdTo)).toBeLessThanOrEqual(Date.now());
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    for (const who of ['agent', 'acme', 'integration']) {
      const before = await api(`/tickets?q=calibration&createdTo=${yesterday}`, who);
      expect(before.status).toBe(200);
      expect(before.body.items).toEqual([]);
      expect(before.body.searched.createdTo).toBe(`${yesterday}T23:59:59.999Z`);
    }
    expect((await found('agent', `q=calibration&createdFrom=${yesterday}`)).sort()).toEqual(
      [tickets.acme.id, tickets.globex.id, tickets.later.id].sort(),
    );
    // The list without q has no window.
    expect((await api('/tickets', 'agent')).body.searched).toBeUndefined();
  });

  it.each([
    ['createdFrom=2020-01-01', 'createdFrom'],
    ['createdFrom=yesterday', 'createdFrom'],
    ['createdFrom=2026-05-01&createdTo=2026-04-01', 'createdTo'],
  ])('refuses the window %s, naming the field', async (window, field) => {
    const refused = await api(`/tickets?q=calibration&${window}`, 'agent');
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.errors[0].path).toBe(field);
  });

  it('refuses a window on the list without q', async () => {
    const refused = await api('/tickets?createdFrom=2026-01-01', 'agent');
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('createdFrom');
  });

  it('refuses an anonymous search', async () => {
    expect((await call(`${rt.api}/tickets?q=calibration`)).status).toBe(401);
  });

  it('combines the words with the list filters and orders by `sort` when given', async () => {
    expect(
      await found('agent', 'q=calibration&status=new&requester=' + encodeURIComponent('nobody')),
    ).toEqual([]);
    const oldestFirst = await found('agent', 'q=calibration&sort=createdAt');
    expect(oldestFirst).toEqual([tickets.acme.id, tickets.globex.id, tickets.later.id]);
    expect(await found('agent', 'q=calibration&sort=-createdAt')).toEqual([...oldestFirst].reverse());
  });

  it('applies a custom-field filter in the search itself: the first page holds the match, not an empty page with a cursor', async () => {
    const label = (en: string) => ({ en, de: en, pl: en, et: en });
    const defined = await call(`${rt.api}/ticket-fields`, {
      method: 'PUT',
      token: tokens.admin,
      headers: { 'if-match': '"0"' },
      body: { fields: [{ id: 'seats', label: label('Seats'), type: 'number' }] },
    });
    expect(defined.status).toBe(200);
    const file = async (subject: string, seats: number) => {
      const created = await api('/tickets', 'agent', {
        method: 'POST',
        body: {
          subject,
          description: 'Licence recount for the warehouse',
          orgId: 'acme',
          requester: { email: 'client@acme.example' },
          fields: { seats },
        },
      });
      expect(created.status).toBe(201);
      return created.body.id as string;
    };
    const ids = [await file('Recount one', 5), await file('Recount two', 5), await file('Recount three', 20)];
    await rt.drained();
    const page = await api('/tickets?q=recount&field=seats:20&sort=createdAt&limit=1', 'agent');
    expect(page.status).toBe(200);
    expect(page.body.items.map((ticket: { id: string }) => ticket.id)).toEqual([ids[2]]);
    expect(page.body.nextCursor).toBeNull();
    expect(await found('agent', 'q=recount&field=seats:5&sort=createdAt')).toEqual(ids.slice(0, 2));
  });

  it('follows a ticket change and a new message after the stream has carried them', async () => {
    await post(tickets.globex.id, 'agent', 'Replaced the Kalibrierungsdatei.');
    await rt.drained();
    expect(await found('globex', 'q=kalibrierung')).toEqual([tickets.globex.id]);
    const ticket = await api(`/tickets/${tickets.globex.id}`, 'agent');
    const patched = await call(`${rt.api}/tickets/${tickets.globex.id}`, {
      method: 'PATCH',
      token: tokens.agent,
      headers: { 'if-match': ticket.headers.get('etag') ?? '' },
      body: { priority: 'urgent' },
    });
    expect(patched.status).toBe(200);
    await rt.drained();
    expect(await found('agent', 'q=calibration&priority=urgent')).toEqual([tickets.globex.id]);
  });

  it('is back-filled by search:reindex when the index of every organisation is missing', async () => {
    // The desk as it was before the index of every organisation existed: its heads gone.
    const heads = await rt.db.send(
      new QueryCommand({
        TableName: rt.tableName,
        ...keyCondition(searchSegmentEntity.queries.ofIndex('tickets-all')),
      }),
    );
    expect(heads.Items?.length).toBeGreaterThan(0);
    for (const item of heads.Items ?? []) {
      await rt.db.send(
        new DeleteCommand({
          TableName: rt.tableName,
          Key: searchSegmentEntity.key('tickets-all', String(item.scope), String(item.segment)),
        }),
      );
    }
    expect(await found('agent', 'q=calibration')).toEqual([]);

    const store = new DynamoTicketStore(rt.db, rt.tableName, new CursorCodec('reindex-test-cursor-secret'));
    const segments = new TableBucketSegmentStore(rt.db, rt.tableName, rt.attachmentsBucket, {
      endpoint: rt.s3Endpoint,
    });
    const result = await reindexTickets(
      { segments, tickets: store, clock: { now: () => new Date() } },
      { tickets: () => new DynamoRebuildSource(rt.db, rt.tableName).tickets(), messages: store },
    );
    expect(result.tickets).toBeGreaterThanOrEqual(3);
    expect((await found('agent', 'q=calibration')).sort()).toEqual(
      [tickets.acme.id, tickets.globex.id, tickets.later.id].sort(),
    );
    expect(await found('agent', 'q=octopus')).toEqual([tickets.acme.id]);
    expect(await found('integration', 'q=octopus')).toEqual([]);
    expect((await found('acme', 'q=calibration')).sort()).toEqual([tickets.acme.id, tickets.later.id].sort());
  });
});
