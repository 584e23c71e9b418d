import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let client: string;
let otherClient: string;
let agent: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  client = await rt.token('client@acme.example');
  otherClient = await rt.token('client@globex.example');
  agent = await rt.token('agent@helpdesk.example');
});
afterAll(() => rt.stop());

const open = async (subject = 'Printer on fire', extra: Record<string, unknown> = {}) => {
  // A client may not choose the queue (Acme's clients may choose category and priority):
  // a ticket for a queue is opened by an agent on the client's behalf.
  const onBehalf = 'queue' in extra;
  const response = await call(`${rt.api}/tickets`, {
    method: 'POST',
    token: onBehalf ? agent : client,
    body: {
      subject,
      description: 'Smoke everywhere',
      ...(onBehalf ? { requester: { email: 'client@acme.example' } } : {}),
      ...extra,
    },
  });
  expect(response.status).toBe(201);
  return response;
};

describe('tickets through the local HTTP server and DynamoDB Local', () => {
  it('opens a ticket with a human reference, a Location and an ETag', async () => {
    const { body, headers } = await open();
    expect(body.reference).toMatch(/^HD-\d{4}-\d{6}$/);
    expect(headers.get('location')).toBe(`/api/v1/tickets/${body.id}`);
    expect(headers.get('etag')).toBe('"1"');
    expect(body).toMatchObject({
      status: 'new',
      priority: 'normal',
      queue: 'general',
      orgId: 'acme',
      channel: 'web',
      assignee: null,
    });
    expect(body.requester.email).toBe('client@acme.example');
  });

  it('gives every ticket its own reference number, in order', async () => {
    const a = (await open('first')).body.reference as string;
    const b = (await open('second')).body.reference as string;
    expect(Number(b.slice(-6))).toBe(Number(a.slice(-6)) + 1);
  });

  it('answers 404, never 403, when a client of another organisation asks for a ticket', async () => {
    const { body } = await open();
    const response = await call(`${rt.api}/tickets/${body.id}`, { token: otherClient });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const list = await call(`${rt.api}/tickets?limit=100`, { token: otherClient });
    expect(list.body.items.map((t: { id: string }) => t.id)).not.toContain(body.id);
  });

  it('lets an agent pick up, reply, resolve; the client accepts and rates', async () => {
    const { body: ticket } = await open('VPN down');
    const picked = await call(`${rt.api}/tickets/${ticket.id}`, {
      method: 'PATCH',
      token: agent,
      headers: { 'if-match': '"1"' },
      body: { assignee: 'me', status: 'open', priority: 'high', tags: ['vpn'] },
    });
    expect(picked.status).toBe(200);
    expect(picked.body).toMatchObject({ status: 'open', priority: 'high', version: 2, tags: ['vpn'] });
    expect(picked.body.assignee.email).toBe('agent@helpdesk.example');

    const note = await call(`${rt.api}/tickets/${ticket.id}/messages`, {
      method: 'POST',
      token: agent,
      body: { body: 'Customer is on the legacy client', internal: true },
    });
    expect(note.status).toBe(201);
    const reply = await call(`${rt.api}/tickets/${ticket.id}/messages`, {
      method: 'POST',
      token: agent,
      body: { body: 'Please restart the VPN client' },
    });
    expect(reply.status).toBe(201);

    const seenByClient = await call(`${rt.api}/tickets/${ticket.id}/messages`, { token: client });
    expect(seenByClient.body.items.map((m: { body: string }) => m.body)).toEqual([
      'Please restart the VPN client',
    ]);
    const seenByAgent = await call(`${rt.api}/tickets/${ticket.id}/messages`, { token: agent });
    expect(seenByAgent.body.items).toHaveLength(2);

    const current = await call(`${rt.api}/tickets/${ticket.id}`, { token: agent });
    expect(current.body.sla.firstRespondedAt).not.toBeNull();
    const resolved = await call(`${rt.api}/tickets/${ticket.id}/resolve`, {
      method: 'POST',
      token: agent,
      headers: { 'if-match': current.headers.get('etag') ?? '' },
      body: { message: 'Fixed by a restart' },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');

    const accepted = await call(`${rt.api}/tickets/${ticket.id}/accept`, { method: 'POST', token: client });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('closed');

    const feedback = await call(`${rt.api}/tickets/${ticket.id}/feedback`, {
      method: 'POST',
      token: client,
      body: { rating: 5, comment: 'Quick!' },
    });
    expect(feedback.status).toBe(201);
    const again = await call(`${rt.api}/tickets/${ticket.id}/feedback`, {
      method: 'POST',
      token: client,
      body: { rating: 1 },
    });
    expect(again.status).toBe(409);

    const history = await call(`${rt.api}/tickets/${ticket.id}/events`, { token: client });
    const types = history.body.items.map((e: { type: string }) => e.type);
    expect(types).toEqual([
      'ticket.created',
      'ticket.updated',
      'message.added',
      'ticket.resolved',
      'ticket.accepted',
      'feedback.given',
    ]);
    const update = history.body.items[1];
    expect(update.actor.name).toBe('Agnes Agent');
    expect(update.changes).toContainEqual({ field: 'priority', from: 'normal', to: 'high' });
    const staffHistory = await call(`${rt.api}/tickets/${ticket.id}/events`, { token: agent });
    expect(staffHistory.body.items.map((e: { type: string }) => e.type)).toContain('note.added');
  });

  it('reopens a resolved ticket when the client rejects the solution, with a clear 409 for illegal moves', async () => {
    const { body: ticket } = await open('Mail bounce');
    await call(`${rt.api}/tickets/${ticket.id}/resolve`, { method: 'POST', token: agent });
    const reopened = await call(`${rt.api}/tickets/${ticket.id}/reopen`, {
      method: 'POST',
      token: client,
      body: { message: 'Still bouncing' },
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('open');
    const illegal = await call(`${rt.api}/tickets/${ticket.id}/accept`, { method: 'POST', token: client });
    expect(illegal.status).toBe(409);
    expect(illegal.body.detail).toMatch(/cannot go from 'open' to 'closed'/);
  });

  it('rejects a stale If-Match with 412 and keeps the newer change', async () => {
    const { body: ticket } = await open();
    const first = await call(`${rt.api}/tickets/${ticket.id}`, {
      method: 'PATCH',
      token: agent,
      headers: { 'if-match': '"1"' },
      body: { priority: 'urgent' },
    });
    expect(first.status).toBe(200);
    const stale = await call(`${rt.api}/tickets/${ticket.id}`, {
      method: 'PATCH',
      token: agent,
      headers: { 'if-match': '"1"' },
      body: { priority: 'low' },
    });
    expect(stale.status).toBe(412);
    const now = await call(`${rt.api}/tickets/${ticket.id}`, { token: agent });
    expect(now.body.priority).toBe('urgent');
  });

  it('filters the list by status, queue, assignee "me", priority, tag and words, and pages with cursors', async () => {
    const subject = `Unique-${Date.now()}`;
    const created = [];
    for (let i = 0; i < 5; i++)
      created.push(
        (await open(`${subject} ${i}`, { queue: 'billing', priority: 'high', tags: ['invoice'] })).body,
      );
    // Words are searched in the index the change stream keeps (docs/search.md).
    await rt.drained();
    const byWords = await call(`${rt.api}/tickets?q=${subject.toLowerCase()}&limit=100`, { token: agent });
    expect(byWords.body.items).toHaveLength(5);
    const page1 = await call(`${rt.api}/tickets?queue=billing&status=new&tag=invoice&limit=2`, {
      token: agent,
    });
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await call(
      `${rt.api}/tickets?queue=billing&status=new&tag=invoice&limit=2&cursor=${encodeURIComponent(page1.body.nextCursor)}`,
      { token: agent },
    );
    expect(page2.body.items).toHaveLength(2);
    const ids = [...page1.body.items, ...page2.body.items].map((t: { id: string }) => t.id);
    expect(new Set(ids).size).toBe(4);
    // newest first
    expect(page1.body.items[0].createdAt >= page1.body.items[1].createdAt).toBe(true);

    const first = created[0];
    await call(`${rt.api}/tickets/${first.id}`, { method: 'PATCH', token: agent, body: { assignee: 'me' } });
    const mine = await call(`${rt.api}/tickets?assignee=me&priority=high&limit=100`, { token: agent });
    expect(mine.body.items.map((t: { id: string }) => t.id)).toContain(first.id);
    const clientView = await call(`${rt.api}/tickets?status=new&limit=100`, { token: client });
    expect(clientView.body.items.every((t: { orgId: string }) => t.orgId === 'acme')).toBe(true);
  });

  it('refuses a forged or foreign cursor with a 400 naming the cursor', async () => {
    const page = await call(`${rt.api}/tickets?limit=1`, { token: agent });
    const cursor: string = page.body.nextCursor;
    const forged = `${cursor.slice(0, -3)}abc`;
    const response = await call(`${rt.api}/tickets?limit=1&cursor=${encodeURIComponent(forged)}`, {
      token: agent,
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('cursor');
    const foreign = await call(`${rt.api}/tickets?limit=1&status=new&cursor=${encodeURIComponent(cursor)}`, {
      token: agent,
    });
    expect(foreign.status).toBe(400);
  });

  it('counts tickets per queue and status', async () => {
    const before = (await call(`${rt.api}/queues`, { token: agent })).body.items.find(
      (q: { id: string }) => q.id === 'technical',
    );
    const { body: ticket } = await open('Disk full', { queue: 'technical' });
    await call(`${rt.api}/tickets/${ticket.id}`, {
      method: 'PATCH',
      token: agent,
      body: { status: 'pending' },
    });
    const after = (await call(`${rt.api}/queues`, { token: agent })).body.items.find(
      (q: { id: string }) => q.id === 'technical',
    );
    expect(after.counts.pending).toBe(before.counts.pending + 1);
    expect(after.counts.new).toBe(before.counts.new);
  });

  it('lets a client edit subject and description only while the ticket is new', async () => {
    const { body: ticket } = await open('Typo in subjct');
    const fixed = await call(`${rt.api}/tickets/${ticket.id}`, {
      method: 'PATCH',
      token: client,
      body: { subject: 'Typo in subject' },
    });
    expect(fixed.status).toBe(200);
    const priority = await call(`${rt.api}/tickets/${ticket.id}`, {
      method: 'PATCH',
      token: client,
      body: { priority: 'urgent' },
    });
    expect(priority.status).toBe(403);
    await call(`${rt.api}/tickets/${ticket.id}/messages`, {
      method: 'POST',
      token: agent,
      body: { body: 'Looking' },
    });
    const late = await call(`${rt.api}/tickets/${ticket.id}`, {
      method: 'PATCH',
      token: client,
      body: { subject: 'x' },
    });
    expect(late.status).toBe(403);
  });

  it('lets staff and integrations open a ticket for a client, who then sees it', async () => {
    const integrator = await rt.integratorToken(['tickets.write', 'tickets.read']);
    const created = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: integrator,
      body: {
        subject: 'Disk 90% on db-1',
        description: 'Alert from monitoring',
        requester: { email: 'client@acme.example' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ orgId: 'acme', channel: 'api' });
    const seen = await call(`${rt.api}/tickets/${created.body.id}`, { token: client });
    expect(seen.status).toBe(200);
  });

  it('serves its OpenAPI document and the API reference', async () => {
    const doc = await call(`${rt.api}/openapi.json`);
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/tickets/{id}');
    // Every route is described by its own operation, not a generic placeholder.
    const operations = Object.values(
      doc.body.paths as Record<string, Record<string, { summary?: string }>>,
    ).flatMap((path) => Object.values(path));
    expect(operations.length).toBeGreaterThanOrEqual(19);
    for (const operation of operations) expect(operation.summary, JSON.stringify(operation)).toBeTruthy();
    expect(doc.body.paths['/api/v1/tickets'].post.summary).toMatch(/open a ticket/i);
    const page = await fetch(`${rt.baseUrl}/docs`);
    expect(await page.text()).toContain('swagger-ui');
  });
});

describe('dedicated actions on a ticket already in the target state', () => {
  it('answers 409 to resolving a resolved ticket and accepting a closed one, and records nothing', async () => {
    const { body: ticket } = await open('Twice');
    expect(
      (await call(`${rt.api}/tickets/${ticket.id}/resolve`, { method: 'POST', token: agent })).status,
    ).toBe(200);
    const again = await call(`${rt.api}/tickets/${ticket.id}/resolve`, { method: 'POST', token: agent });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/already resolved/);
    expect(
      (await call(`${rt.api}/tickets/${ticket.id}/accept`, { method: 'POST', token: client })).status,
    ).toBe(200);
    expect(
      (await call(`${rt.api}/tickets/${ticket.id}/accept`, { method: 'POST', token: client })).status,
    ).toBe(409);
    const history = await call(`${rt.api}/tickets/${ticket.id}/events`, { token: agent });
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual([
      'ticket.created',
      'ticket.resolved',
      'ticket.accepted',
    ]);
  });
});

describe('the public view of a ticket', () => {
  const bookkeeping = [
    'openedAt',
    'resolvedAt',
    'assignedAt',
    'resolutionElapsedMs',
    'resolutionRunningSince',
    'notified',
    'scheduleGeneration',
    'scheduleName',
    'nextCheckAt',
    'nextCheckKind',
  ];
  const publicSla = [
    'policyId',
    'firstResponseDueAt',
    'resolutionDueAt',
    'totalDueAt',
    'firstRespondedAt',
    'breaches',
    'paused',
  ];
  const staffAddress = 'agent@helpdesk.example';

  it('shows a client the SLA deadlines but not the engine bookkeeping, and no staff e-mail', async () => {
    const created = await open('Who is on it?');
    expect(Object.keys(created.body.sla).sort()).toEqual([...publicSla].sort());
    const assigned = await call(`${rt.api}/tickets/${created.body.id}`, {
      method: 'PATCH',
      token: agent,
      body: { assignee: 'me', status: 'open' },
    });
    expect(assigned.status).toBe(200);

    const one = await call(`${rt.api}/tickets/${created.body.id}`, { token: client });
    const list = await call(`${rt.api}/tickets?limit=100`, { token: client });
    const listed = list.body.items.find((t: { id: string }) => t.id === created.body.id);
    const history = await call(`${rt.api}/tickets/${created.body.id}/events`, { token: client });

    expect(one.body.assignee).toEqual({ id: assigned.body.assignee.id, name: 'Agnes Agent' });
    expect(listed.assignee).toEqual(one.body.assignee);
    for (const seen of [created.body, one.body, listed]) {
      for (const key of bookkeeping) expect(seen.sla).not.toHaveProperty(key);
      expect(seen.requester.email).toBe('client@acme.example');
    }
    for (const body of [created.body, one.body, list.body, history.body]) {
      expect(JSON.stringify(body)).not.toContain(staffAddress);
    }
  });

  it('shows staff the assignee e-mail, still without the bookkeeping', async () => {
    const created = await open('Call me back');
    await call(`${rt.api}/tickets/${created.body.id}`, {
      method: 'PATCH',
      token: agent,
      body: { assignee: 'me' },
    });
    const one = await call(`${rt.api}/tickets/${created.body.id}`, { token: agent });
    expect(one.body.assignee.email).toBe(staffAddress);
    expect(Object.keys(one.body.sla).sort()).toEqual([...publicSla].sort());
    const history = await call(`${rt.api}/tickets/${created.body.id}/events`, { token: agent });
    const assignment = history.body.items.flatMap((e: { changes: { field: string }[] }) => e.changes);
    expect(assignment).toContainEqual(
      expect.objectContaining({ field: 'assignee', to: expect.objectContaining({ email: staffAddress }) }),
    );
  });

  it('describes the view, not the stored shape, in the OpenAPI document', async () => {
    const doc = await call(`${rt.api}/openapi.json`);
    const getTicket = doc.body.paths['/api/v1/tickets/{id}'].get.responses['200'];
    expect(getTicket.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Ticket' });
    expect(Object.keys(doc.body.components.schemas.SlaState.properties).sort()).toEqual(
      [...publicSla].sort(),
    );
    expect(doc.body.components.schemas.UserRef.required).not.toContain('email');
  });
});
