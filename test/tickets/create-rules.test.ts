import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let acmeClient: string;
let globexClient: string;
let agent: string;
let writeOnly: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  acmeClient = await rt.token('client@acme.example');
  globexClient = await rt.token('client@globex.example');
  agent = await rt.token('agent@helpdesk.example');
  writeOnly = await rt.integratorToken(['tickets.write']);
});
afterAll(() => rt.stop());

const create = (token: string, body: Record<string, unknown>) =>
  call(`${rt.api}/tickets`, { method: 'POST', token, body: { subject: 'S', description: 'D', ...body } });

const sequenceOf = (reference: string) => Number(reference.slice(-6));

describe('what a client may choose when opening a ticket', () => {
  it('refuses (403, naming the field) what the organisation does not let its clients set', async () => {
    // Globex keeps the default: its clients choose a category, nothing else.
    for (const [field, value] of [
      ['priority', 'urgent'],
      ['queue', 'billing'],
      ['channel', 'phone'],
    ] as const) {
      const refused = await create(globexClient, { [field]: value });
      expect(refused.status, field).toBe(403);
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
      expect(refused.body.errors).toEqual([{ path: field, message: expect.any(String) }]);
    }
    const allowed = await create(globexClient, { category: 'Billing' });
    expect(allowed.status).toBe(201);
    expect(allowed.body).toMatchObject({ category: 'Billing', priority: 'normal', queue: 'general' });
  });

  it('lets a client set what its organisation allows (acme: category and priority)', async () => {
    const allowed = await create(acmeClient, { category: 'Billing', priority: 'high' });
    expect(allowed.status).toBe(201);
    expect(allowed.body).toMatchObject({ priority: 'high', category: 'Billing' });
    const refused = await create(acmeClient, { queue: 'billing' });
    expect(refused.status).toBe(403);
    expect(refused.body.errors).toEqual([{ path: 'queue', message: expect.any(String) }]);
  });
});

describe('who a ticket can be opened for', () => {
  it('refuses an organisation that does not exist (400 orgId)', async () => {
    const refused = await create(agent, {
      orgId: 'no-such-org',
      requester: { email: 'someone@nowhere.example' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['orgId']);
  });

  it('refuses a staff member as the requester of a client organisation (400 requester)', async () => {
    const named = await create(agent, { orgId: 'acme', requester: { email: 'agent2@helpdesk.example' } });
    expect(named.status).toBe(400);
    expect(named.body.errors.map((e: { path: string }) => e.path)).toEqual(['requester']);
    const implicit = await create(agent, { orgId: 'acme' });
    expect(implicit.status).toBe(400);
    expect(implicit.body.errors.map((e: { path: string }) => e.path)).toEqual(['requester']);
  });

  it('refuses an address outside the organisation (400 requester.email), accepts one in its domains', async () => {
    await rt.drained(); // earlier tickets' mail records land after their responses
    const before = await rt.itemCount();
    const outside = await create(writeOnly, {
      orgId: 'acme',
      requester: { email: 'victim@elsewhere.example', name: 'Victim' },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.errors.map((e: { path: string }) => e.path)).toEqual(['requester.email']);
    const noOrg = await create(writeOnly, { requester: { email: 'victim@elsewhere.example' } });
    expect(noOrg.status).toBe(400);
    expect(await rt.itemCount()).toBe(before);
    const contact = await create(agent, { orgId: 'acme', requester: { email: 'New.Person@ACME.example' } });
    expect(contact.status).toBe(201);
    expect(contact.body.requester.email).toBe('new.person@acme.example');
    const byDomain = await create(agent, { orgId: 'globex', requester: { email: 'boss@globex.example' } });
    expect(byDomain.status).toBe(201);
    expect(byDomain.body.orgId).toBe('globex');
    const otherOrgsDomain = await create(agent, {
      orgId: 'acme',
      requester: { email: 'boss@globex.example' },
    });
    expect(otherOrgsDomain.status).toBe(400);
  });
});

describe('reference numbers', () => {
  it('takes no number for a rejected or replayed create', async () => {
    const first = await create(agent, { requester: { email: 'client@acme.example' } });
    expect(first.status).toBe(201);
    const key = `numbers-${Date.now()}`;
    const keyed = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: acmeClient,
      headers: { 'idempotency-key': key },
      body: { subject: 'Keyed', description: 'once' },
    });
    expect(sequenceOf(keyed.body.reference)).toBe(sequenceOf(first.body.reference) + 1);
    const rejected = [
      await create(agent, { subject: '', requester: { email: 'client@acme.example' } }),
      await create(agent, { queue: 'no-such-queue', requester: { email: 'client@acme.example' } }),
      await create(globexClient, { priority: 'urgent' }),
      await create(agent, { orgId: 'no-such-org', requester: { email: 'x@acme.example' } }),
      await create(writeOnly, { requester: { email: 'victim@elsewhere.example' }, orgId: 'acme' }),
    ];
    expect(rejected.map((r) => r.status)).toEqual([400, 400, 403, 400, 400]);
    const replayed = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: acmeClient,
      headers: { 'idempotency-key': key },
      body: { subject: 'Keyed', description: 'once' },
    });
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    const next = await create(agent, { requester: { email: 'client@acme.example' } });
    expect(sequenceOf(next.body.reference)).toBe(sequenceOf(keyed.body.reference) + 1);
  });
});

describe('an integrator without read scope', () => {
  it('learns nothing about a ticket from its writes', async () => {
    const { body: ticket } = await create(globexClient, { description: 'Globex internal matter' });
    const created = await create(writeOnly, { requester: { email: 'client@acme.example' } });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(['id', 'reference']);
    expect(created.headers.get('location')).toBe(`/api/v1/tickets/${created.body.id}`);

    const noOp = await call(`${rt.api}/tickets/${ticket.id}`, {
      method: 'PATCH',
      token: writeOnly,
      body: { priority: 'normal' },
    });
    expect(noOp.status).toBe(204);
    expect(noOp.body).toBeNull();
    const patched = await call(`${rt.api}/tickets/${ticket.id}`, {
      method: 'PATCH',
      token: writeOnly,
      body: { priority: 'high' },
    });
    expect(patched.status).toBe(204);
    expect(patched.body).toBeNull();

    const reply = await call(`${rt.api}/tickets/${ticket.id}/messages`, {
      method: 'POST',
      token: writeOnly,
      body: { body: 'From the monitoring system' },
    });
    expect(reply.status).toBe(201);
    expect(Object.keys(reply.body)).toEqual(['id']);
    expect(JSON.stringify(reply.body)).not.toContain('Globex');

    const missing = await call(`${rt.api}/tickets/01ARZ3NDEKTSV4RRFFQ69G5FAV`, {
      method: 'PATCH',
      token: writeOnly,
      body: { priority: 'normal' },
    });
    expect(missing.status).toBe(404);
  });
});
