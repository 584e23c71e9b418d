import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let client: string;
let otherClient: string;
let agent: string;
let integrator: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  client = await rt.token('client@acme.example');
  otherClient = await rt.token('client@globex.example');
  agent = await rt.token('agent@helpdesk.example');
  integrator = await rt.integratorToken(['helpdesk/tickets.read', 'helpdesk/tickets.write']);
});
afterAll(() => rt.stop());

const open = async (subject: string, extra: Record<string, unknown> = {}, token = client) => {
  const response = await call(`${rt.api}/tickets`, {
    method: 'POST',
    token,
    body: { subject, description: 'Details', ...extra },
  });
  expect(response.status).toBe(201);
  return response.body as { id: string; createdAt: string; updatedAt: string; priority: string };
};

describe('X-Request-Id on every answer', () => {
  it('carries the request id on successes, on errors (the same as the problem body) and on the gateway’s own 404 and 405', async () => {
    const ok = await call(`${rt.api}/me`, { token: client });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);

    const missing = await call(`${rt.api}/tickets/01J0000000000000000000000Z`, { token: client });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toBe(missing.body.requestId);

    const invalid = await call(`${rt.api}/tickets`, { method: 'POST', token: client, body: {} });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('x-request-id')).toBe(invalid.body.requestId);

    const unauthenticated = await call(`${rt.api}/tickets`);
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('x-request-id')).toBe(unauthenticated.body.requestId);

    const noRoute = await call(`${rt.api}/no-such-thing`, { token: client });
    expect(noRoute.status).toBe(404);
    expect(noRoute.headers.get('x-request-id')).toBe(noRoute.body.requestId);

    const notAllowed = await call(`${rt.api}/me`, { method: 'DELETE', token: client });
    expect(notAllowed.status).toBe(405);
    expect(notAllowed.headers.get('x-request-id')).toBe(notAllowed.body.requestId);

    expect(new Set([ok, missing, invalid, noRoute].map((r) => r.headers.get('x-request-id'))).size).toBe(4);
  });
});

describe('GET /tickets/{id}/messages/{messageId}', () => {
  it('answers at the Location a new reply points to', async () => {
    const ticket = await open('Where is my reply?');
    const posted = await call(`${rt.api}/tickets/${ticket.id}/messages`, {
      method: 'POST',
      token: client,
      body: { body: 'Any news?' },
    });
    expect(posted.status).toBe(201);
    const location = posted.headers.get('location') ?? '';
    expect(location).toBe(`/api/v1/tickets/${ticket.id}/messages/${posted.body.id}`);
    const read = await call(`${rt.baseUrl}${location}`, { token: client });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(posted.body);
    const byAgent = await call(`${rt.baseUrl}${location}`, { token: agent });
    expect(byAgent.status).toBe(200);
    expect(byAgent.body.body).toBe('Any news?');
  });

  it('hides internal notes from clients and messages from other organisations (404)', async () => {
    const ticket = await open('Secret note inside');
    const note = await call(`${rt.api}/tickets/${ticket.id}/messages`, {
      method: 'POST',
      token: agent,
      body: { body: 'Customer is difficult', internal: true },
    });
    expect(note.status).toBe(201);
    const location = `${rt.baseUrl}${note.headers.get('location')}`;
    expect((await call(location, { token: agent })).body.internal).toBe(true);
    const asClient = await call(location, { token: client });
    expect(asClient.status).toBe(404);
    expect(asClient.headers.get('content-type')).toBe('application/problem+json');
    expect((await call(location, { token: integrator })).status).toBe(404);

    const reply = await call(`${rt.api}/tickets/${ticket.id}/messages`, {
      method: 'POST',
      token: client,
      body: { body: 'Hello?' },
    });
    const replyUrl = `${rt.baseUrl}${reply.headers.get('location')}`;
    expect((await call(replyUrl, { token: otherClient })).status).toBe(404);
    expect(
      (await call(`${rt.api}/tickets/${ticket.id}/messages/01J0000000000000000000000Z`, { token: agent }))
        .status,
    ).toBe(404);
    expect((await call(`${rt.api}/tickets/${ticket.id}/messages/not-an-id`, { token: agent })).status).toBe(
      404,
    );
  });
});

describe('Idempotency-Key on replies', () => {
  it('replays the same message for the same key and body, and refuses another body with 422', async () => {
    const ticket = await open('Flaky network');
    const send = (body: string, key = 'reply-key-1') =>
      call(`${rt.api}/tickets/${ticket.id}/messages`, {
        method: 'POST',
        token: integrator,
        headers: { 'idempotency-key': key },
        body: { body },
      });
    const first = await send('We are on it');
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await send('We are on it');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));

    const other = await send('Something else');
    expect(other.status).toBe(422);
    expect(other.body.errors[0].path).toBe('Idempotency-Key');

    const invalidKey = await send('We are on it', ' ');
    expect(invalidKey.status).toBe(400);

    const list = await call(`${rt.api}/tickets/${ticket.id}/messages`, { token: agent });
    expect(list.body.items.filter((m: { body: string }) => m.body === 'We are on it')).toHaveLength(1);
    expect(list.body.items.filter((m: { body: string }) => m.body === 'Something else')).toHaveLength(0);
  });

  it('does not replay a reply key as a ticket, nor a ticket key as a reply', async () => {
    const ticket = await open('Two keys');
    const reply = await call(`${rt.api}/tickets/${ticket.id}/messages`, {
      method: 'POST',
      token: client,
      headers: { 'idempotency-key': 'shared-key' },
      body: { body: 'first' },
    });
    expect(reply.status).toBe(201);
    const create = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: client,
      headers: { 'idempotency-key': 'shared-key' },
      body: { subject: 'first', description: 'x' },
    });
    expect(create.status).toBe(422);
  });
});

describe('GET /tickets?sort=', () => {
  it('orders by createdAt either way through the index, across pages', async () => {
    const a = await open('sort-a', { tags: ['sortcase'] });
    const b = await open('sort-b', { tags: ['sortcase'] });
    const c = await open('sort-c', { tags: ['sortcase'] });
    const ids = async (sort: string | undefined) => {
      const found: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `tag=sortcase&limit=2${sort ? `&sort=${sort}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const page = await call(`${rt.api}/tickets?${query}`, { token: agent });
        expect(page.status).toBe(200);
        found.push(...page.body.items.map((t: { id: string }) => t.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      return found;
    };
    expect(await ids(undefined)).toEqual([c.id, b.id, a.id]);
    expect(await ids('-createdAt')).toEqual([c.id, b.id, a.id]);
    expect(await ids('createdAt')).toEqual([a.id, b.id, c.id]);
  });

  it('orders a page by priority, updatedAt or the next SLA deadline', async () => {
    const low = await open(
      'prio-low',
      { tags: ['priocase'], priority: 'low', orgId: 'acme', requester: { email: 'client@acme.example' } },
      agent,
    );
    const urgent = await open(
      'prio-urgent',
      { tags: ['priocase'], priority: 'urgent', orgId: 'acme', requester: { email: 'client@acme.example' } },
      agent,
    );
    const normal = await open(
      'prio-normal',
      { tags: ['priocase'], priority: 'normal', orgId: 'acme', requester: { email: 'client@acme.example' } },
      agent,
    );
    const order = async (sort: string) => {
      const page = await call(`${rt.api}/tickets?tag=priocase&sort=${sort}`, { token: agent });
      expect(page.status).toBe(200);
      return page.body.items.map((t: { id: string }) => t.id);
    };
    expect(await order('-priority')).toEqual([urgent.id, normal.id, low.id]);
    expect(await order('priority')).toEqual([low.id, normal.id, urgent.id]);
    const touched = await call(`${rt.api}/tickets/${low.id}`, {
      method: 'PATCH',
      token: agent,
      body: { tags: ['priocase', 'touched'] },
    });
    expect(touched.status).toBe(200);
    expect((await order('-updatedAt'))[0]).toBe(low.id);
    const byDue = await call(`${rt.api}/tickets?tag=priocase&sort=nextDueAt`, { token: agent });
    const due = byDue.body.items.map(
      (t: { sla: { firstResponseDueAt: string | null } }) => t.sla.firstResponseDueAt,
    );
    expect(due).toEqual([...due].sort());
  });

  it('refuses an unknown sort naming the parameter', async () => {
    const response = await call(`${rt.api}/tickets?sort=subject`, { token: agent });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('sort');
  });
});
