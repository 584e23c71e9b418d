import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoPresenceStore } from '#desk/adapters/dynamodb-presence-store.js';
import { heartbeat, type PresenceDeps, whoIsHere } from '#desk/use-cases/presence.js';
import type { Caller } from '#identity/caller.js';
import { noCursors } from '#platform/cursor.js';
import { presenceEntity } from '#platform/table/presence.js';
import { DynamoTicketStore } from '#tickets/adapters/dynamodb-ticket-store.js';
import { call, type DemoLogin, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/** Presence on a ticket (docs/desk.md): heartbeats over HTTP, and their expiry on an injected clock. */

let rt: TestRuntime;
const tokens: Record<string, string> = {};
const logins: Record<string, DemoLogin> = {
  client: 'client@acme.example',
  agent: 'agent@helpdesk.example',
  agent2: 'agent2@helpdesk.example',
  lead: 'lead@helpdesk.example',
};

beforeAll(async () => {
  rt = await startTestRuntime({ stream: false });
  for (const [who, email] of Object.entries(logins)) tokens[who] = await rt.token(email);
  // Load the handler modules once, so the timing below measures requests, not a cold start.
  const warm = await newTicket();
  await api(`/tickets/${warm}/presence`, 'lead', { method: 'PUT', body: { state: 'viewing' } });
  await api(`/tickets/${warm}/presence`, 'lead');
});
afterAll(() => rt.stop());

const api = (path: string, as: string, init: { method?: string; body?: unknown } = {}) =>
  call(`${rt.api}${path}`, { token: tokens[as] ?? '', ...init });

const newTicket = async (): Promise<string> => {
  const created = await api('/tickets', 'client', {
    method: 'POST',
    body: { subject: 'Presence', description: 'Who is looking at this?' },
  });
  expect(created.status).toBe(201);
  return created.body.id;
};

const here = async (ticketId: string, as: string) => {
  const answer = await api(`/tickets/${ticketId}/presence`, as);
  expect(answer.status).toBe(200);
  return answer.body as { user: { id: string; name: string }; state: string; since: string }[];
};

const beat = async (ticketId: string, as: string, state: string) => {
  const answer = await api(`/tickets/${ticketId}/presence`, as, { method: 'PUT', body: { state } });
  expect(answer.status).toBe(204);
};

describe('presence over HTTP', () => {
  it('lets two agents on one ticket see each other within 5 s, never themselves', async () => {
    const ticketId = await newTicket();
    const started = Date.now();
    await beat(ticketId, 'agent', 'viewing');
    await beat(ticketId, 'agent2', 'replying');
    const seenByAgent = await here(ticketId, 'agent');
    const seenByAgent2 = await here(ticketId, 'agent2');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(seenByAgent).toEqual([
      { user: { id: expect.any(String), name: 'Piotr Agent' }, state: 'replying', since: expect.any(String) },
    ]);
    expect(seenByAgent2).toEqual([
      { user: { id: expect.any(String), name: 'Agnes Agent' }, state: 'viewing', since: expect.any(String) },
    ]);
    const lead = await here(ticketId, 'lead');
    expect(lead.map((p) => p.user.name).sort()).toEqual(['Agnes Agent', 'Piotr Agent']);
  });

  it('keeps `since` while the state holds and restarts it when the state changes', async () => {
    const ticketId = await newTicket();
    await beat(ticketId, 'agent', 'viewing');
    const [first] = await here(ticketId, 'lead');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await beat(ticketId, 'agent', 'viewing');
    const [again] = await here(ticketId, 'lead');
    expect(again?.since).toBe(first?.since);
    await beat(ticketId, 'agent', 'replying');
    const [replying] = await here(ticketId, 'lead');
    expect(replying?.state).toBe('replying');
    expect(Date.parse(replying?.since ?? '')).toBeGreaterThan(Date.parse(first?.since ?? ''));
  });

  it('answers 404 for an unknown ticket and 400 naming a bad state, writing nothing', async () => {
    const unknown = '01J00000000000000000000000';
    expect(
      (await api(`/tickets/${unknown}/presence`, 'agent', { method: 'PUT', body: { state: 'viewing' } }))
        .status,
    ).toBe(404);
    expect((await api(`/tickets/${unknown}/presence`, 'agent')).status).toBe(404);
    const ticketId = await newTicket();
    const bad = await api(`/tickets/${ticketId}/presence`, 'agent', {
      method: 'PUT',
      body: { state: 'typing' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'state' })]);
    expect(await here(ticketId, 'lead')).toEqual([]);
  });

  it('is for staff only: a client of the ticket’s organisation gets 403', async () => {
    const ticketId = await newTicket();
    expect((await api(`/tickets/${ticketId}/presence`, 'client')).status).toBe(403);
    expect(
      (await api(`/tickets/${ticketId}/presence`, 'client', { method: 'PUT', body: { state: 'viewing' } }))
        .status,
    ).toBe(403);
  });
});

describe('presence expiry (injected clock)', () => {
  const agnes: Caller = {
    kind: 'user',
    id: 'presence-agnes',
    email: 'agnes@helpdesk.example',
    name: 'Agnes',
    role: 'agent',
    orgId: null,
    locale: 'en',
    timeZone: 'UTC',
  };
  const piotr: Caller = { ...agnes, id: 'presence-piotr', name: 'Piotr' };
  let now = new Date('2026-06-01T10:00:00.000Z');
  let deps: PresenceDeps;
  beforeAll(() => {
    deps = {
      presence: new DynamoPresenceStore(rt.db, rt.tableName),
      tickets: new DynamoTicketStore(rt.db, rt.tableName, noCursors),
      clock: { now: () => now },
    };
  });

  it('drops a heartbeat 30 s after it was sent, though TTL has not deleted it yet', async () => {
    const ticketId = await newTicket();
    now = new Date('2026-06-01T10:00:00.000Z');
    await heartbeat(deps, agnes, ticketId, { state: 'viewing' });
    now = new Date('2026-06-01T10:00:29.000Z');
    expect((await whoIsHere(deps, piotr, ticketId)).map((p) => p.user.name)).toEqual(['Agnes']);
    now = new Date('2026-06-01T10:00:30.000Z');
    expect(await whoIsHere(deps, piotr, ticketId)).toEqual([]);
    const stored = await rt.db.send(
      new GetCommand({ TableName: rt.tableName, Key: presenceEntity.key(ticketId, agnes.id) }),
    );
    expect(stored.Item?.expiresAt).toBe(Date.parse('2026-06-01T10:00:30.000Z') / 1000);
  });

  it('keeps a person present while heartbeats keep coming, and restarts `since` after a lapse', async () => {
    const ticketId = await newTicket();
    now = new Date('2026-06-01T11:00:00.000Z');
    await heartbeat(deps, agnes, ticketId, { state: 'replying' });
    for (const second of [20, 40, 60]) {
      now = new Date(Date.parse('2026-06-01T11:00:00.000Z') + second * 1000);
      await heartbeat(deps, agnes, ticketId, { state: 'replying' });
    }
    now = new Date('2026-06-01T11:01:25.000Z');
    expect(await whoIsHere(deps, piotr, ticketId)).toEqual([
      { user: { id: agnes.id, name: 'Agnes' }, state: 'replying', since: '2026-06-01T11:00:00.000Z' },
    ]);
    now = new Date('2026-06-01T11:05:00.000Z');
    expect(await whoIsHere(deps, piotr, ticketId)).toEqual([]);
    await heartbeat(deps, agnes, ticketId, { state: 'replying' });
    expect((await whoIsHere(deps, piotr, ticketId))[0]?.since).toBe('2026-06-01T11:05:00.000Z');
  });
});
