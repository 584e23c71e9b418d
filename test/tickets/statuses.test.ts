import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlaScheduler } from '#local/sla-scheduler.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * The statuses `answered` and `postponed` over HTTP on the local runtime (DynamoDB Local, the
 * table-backed scheduler firing the same SLA handlers as EventBridge Scheduler in the cloud).
 */
let rt: TestRuntime;
let scheduler: ReturnType<typeof startSlaScheduler>;
let client = '';
let agent = '';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const openTicket = async (subject: string) => {
  const created = await call(`${rt.api}/tickets`, {
    method: 'POST',
    token: client,
    body: { subject, description: 'The VPN drops every few minutes' },
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; version: number };
};

const ticketOf = async (id: string) => (await call(`${rt.api}/tickets/${id}`, { token: agent })).body;

const historyOf = async (id: string) =>
  (await call(`${rt.api}/tickets/${id}/events?limit=100`, { token: agent })).body.items as {
    type: string;
    actor: { name: string };
    changes: { field: string; from: unknown; to: unknown }[];
  }[];

beforeAll(async () => {
  rt = await startTestRuntime();
  client = await rt.token('client@acme.example');
  agent = await rt.token('agent@helpdesk.example');
  scheduler = startSlaScheduler();
});

afterAll(async () => {
  await scheduler?.stop();
  await rt?.stop();
});

describe('answered', () => {
  it('follows a public staff reply and goes back to open when the client writes', async () => {
    const ticket = await openTicket('Answered cycle');

    const reply = await call(`${rt.api}/tickets/${ticket.id}/messages`, {
      method: 'POST',
      token: agent,
      body: { body: 'Which version of the client do you run?' },
    });
    expect(reply.status).toBe(201);
    const answered = await ticketOf(ticket.id);
    expect(answered.status).toBe('answered');
    expect(answered.sla.paused).toBe(true);

    const clientSees = await call(`${rt.api}/tickets/${ticket.id}`, { token: client });
    expect(clientSees.body.status).toBe('answered');

    await call(`${rt.api}/tickets/${ticket.id}/messages`, {
      method: 'POST',
      token: client,
      body: { body: 'Version 5.2 on Windows' },
    });
    const reopened = await ticketOf(ticket.id);
    expect(reopened.status).toBe('open');
    expect(reopened.sla.paused).toBe(false);
    const statusChanges = (await historyOf(ticket.id)).flatMap((event) =>
      event.changes
        .filter((change) => change.field === 'status')
        .map((change) => `${change.from}→${change.to}`),
    );
    expect(statusChanges).toEqual(['null→new', 'new→answered', 'answered→open']);
  });
});

describe('postponed', () => {
  it('refuses a postponement without a date, naming the field, and writes nothing', async () => {
    const ticket = await openTicket('Postponed without a date');

    const refused = await call(`${rt.api}/tickets/${ticket.id}`, {
      method: 'PATCH',
      token: agent,
      body: { status: 'postponed' },
    });

    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.body.errors.map((error: { path: string }) => error.path)).toEqual(['postponedUntil']);
    expect((await ticketOf(ticket.id)).version).toBe(ticket.version);
  });

  it('goes back to open by itself at the date, by the one-shot timer', { timeout: 30_000 }, async () => {
    const ticket = await openTicket('Postponed until soon');
    const until = new Date(Date.now() + 2500).toISOString();

    const postponed = await call(`${rt.api}/tickets/${ticket.id}`, {
      method: 'PATCH',
      token: agent,
      body: { status: 'postponed', postponedUntil: until },
    });
    expect(postponed.status).toBe(200);
    expect(postponed.body).toMatchObject({ status: 'postponed', postponedUntil: until });
    expect(postponed.body.sla.paused).toBe(true);

    let current = await ticketOf(ticket.id);
    const deadline = Date.now() + 20_000;
    while (current.status === 'postponed' && Date.now() < deadline) {
      await sleep(250);
      current = await ticketOf(ticket.id);
    }
    expect(current.status).toBe('open');
    expect(current.postponedUntil).toBeUndefined();
    expect(current.sla.paused).toBe(false);
    expect(Date.now()).toBeGreaterThanOrEqual(new Date(until).getTime());
    const wakeUp = (await historyOf(ticket.id)).find((event) => event.actor.name === 'Postponement');
    expect(wakeUp?.changes).toContainEqual({ field: 'status', from: 'postponed', to: 'open' });
  });
});
