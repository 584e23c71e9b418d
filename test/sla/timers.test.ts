import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoUserDirectory } from '#identity/adapters/dynamodb-user-directory.js';
import { startSlaScheduler } from '#local/sla-scheduler.js';
import { ticketEntity } from '#platform/table/ticket.js';
import type { SlaCheckPayload } from '#sla/payload.js';
import { defaultPolicies } from '#sla/policy.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * The SLA engine end to end on the local runtime: DynamoDB Local, the SES emulator, the
 * table-backed scheduler firing the same SLA handlers. A seconds-scale policy for urgent
 * tickets makes every timer fire within a few seconds.
 */
const seconds = {
  id: 'seconds',
  name: 'Urgent, in seconds (tests)',
  match: { priority: ['urgent'] },
  calendarId: '24x7',
  targets: { timeToOpen: 'PT6S', timeToResolve: 'PT60S', totalServiceTime: 'PT120S' },
  reminders: [0.5],
  atRisk: 0.9,
  pickupTimeout: 'PT3S',
  autoCloseAfter: 'PT3S',
};

interface CapturedMail {
  destination: { to: string[] };
  subject: string;
  at: number;
}

let rt: TestRuntime;
let scheduler: ReturnType<typeof startSlaScheduler>;
const tokens: Record<'client' | 'agent' | 'admin' | 'lead', string> = {
  client: '',
  agent: '',
  admin: '',
  lead: '',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const waitFor = async <T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(100);
  }
};

/** Mails about the ticket whose subject carries `token` (the run's SES emulator is shared by all test files). */
const mailsAbout = async (token: string): Promise<CapturedMail[]> => {
  const response = await fetch(`${rt.sesUrl}/store`);
  const store = (await response.json()) as { emails: CapturedMail[] };
  return store.emails.filter((mail) => mail.subject.includes(token));
};

/** "to address: subject start" for each mail, sorted, so a test reads who got what. */
const summary = (mails: CapturedMail[]) =>
  mails
    .map((mail) => {
      const to = (mail.destination.to[0] ?? '').replace(/^.*<|>$/g, '');
      const kind = mail.subject.replace(/^\[HD-\d{4}-\d{6}\] /, '').split(':')[0];
      return `${to}: ${kind}`;
    })
    .sort();

async function openTicket(token: string, priority = 'urgent') {
  const created = await call(`${rt.api}/tickets`, {
    method: 'POST',
    token: tokens.client,
    body: { subject: `Printer ${token}`, description: 'It is on fire', priority },
  });
  expect(created.status).toBe(201);
  return storedTicket(created.body.id);
}

/** The ticket as stored, with the SLA engine's bookkeeping that the API does not show. */
async function storedTicket(id: string) {
  const { Item } = await rt.db.send(
    new GetCommand({ TableName: rt.tableName, Key: ticketEntity.key(id), ConsistentRead: true }),
  );
  return Item as { id: string; reference: string; sla: Record<string, unknown> };
}

const getTicket = async (id: string) => (await call(`${rt.api}/tickets/${id}`, { token: tokens.agent })).body;

const eventTypes = async (id: string): Promise<string[]> => {
  const events = await call(`${rt.api}/tickets/${id}/events?limit=100`, { token: tokens.agent });
  return events.body.items.map((event: { type: string }) => event.type);
};

const payloadOf = (ticket: { id: string; sla: Record<string, unknown> }): SlaCheckPayload => ({
  ticketId: ticket.id,
  kind: ticket.sla.nextCheckKind as SlaCheckPayload['kind'],
  generation: Number(ticket.sla.scheduleGeneration),
  dueAt: String(ticket.sla.nextCheckAt),
});

const pendingSchedulesOf = async (ticketId: string) =>
  (await scheduler.schedules.pending()).filter(
    (schedule) => (schedule.payload as { ticketId?: string }).ticketId === ticketId,
  );

const unique = () => randomBytes(4).toString('hex');

beforeAll(async () => {
  rt = await startTestRuntime();
  // Staff read English here, so a test can tell notices apart by their subject.
  const directory = new DynamoUserDirectory(rt.db, rt.tableName);
  for (const email of ['agent2@helpdesk.example', 'lead@helpdesk.example']) {
    const user = await directory.findByEmail(email);
    if (user) await directory.put({ ...user, locale: 'en' });
  }
  tokens.client = await rt.token('client@acme.example');
  tokens.agent = await rt.token('agent@helpdesk.example');
  tokens.admin = await rt.token('admin@helpdesk.example');
  tokens.lead = await rt.token('lead@helpdesk.example');
  // These tests own the SLA notices and the requester's mails: the agents here take their
  // agent notifications (docs/notifications.md) in the product only, not by mail.
  for (const email of ['agent@helpdesk.example', 'agent2@helpdesk.example'] as const) {
    const optedOut = await call(`${rt.api}/me/preferences`, {
      method: 'PUT',
      token: await rt.token(email),
      body: { mail: { ticketCreated: false, ticketAssigned: false, clientReplied: false } },
    });
    expect(optedOut.status).toBe(200);
  }
  const current = await call(`${rt.api}/sla-policies`, { token: tokens.admin });
  const saved = await call(`${rt.api}/sla-policies`, {
    method: 'PUT',
    token: tokens.admin,
    headers: { 'if-match': current.headers.get('etag') ?? '' },
    body: { policies: [seconds, ...defaultPolicies()] },
  });
  expect(saved.status).toBe(200);
  // Load every handler module once, so the first timed test does not wait for a cold start.
  const warm = await openTicket(`warm-up ${unique()}`, 'normal');
  await call(`${rt.api}/tickets/${warm.id}`, {
    method: 'PATCH',
    token: tokens.agent,
    body: { tags: ['warm'] },
  });
  await call(`${rt.api}/tickets/${warm.id}/resolve`, { method: 'POST', token: tokens.agent });
  await call(`${rt.api}/tickets/${warm.id}/events`, { token: tokens.agent });
  scheduler = startSlaScheduler();
});

afterAll(async () => {
  await scheduler?.stop();
  await rt?.stop();
});

describe('SLA policies over HTTP', () => {
  it('serves the ordered policies with their version as ETag, to agents', async () => {
    const response = await call(`${rt.api}/sla-policies`, { token: tokens.agent });

    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"2"');
    expect(response.body.policies.map((policy: { id: string }) => policy.id)).toEqual([
      'seconds',
      'urgent',
      'high',
      'normal',
      'low',
    ]);
  });

  it('refuses a stale If-Match with 412 and changes nothing', async () => {
    const response = await call(`${rt.api}/sla-policies`, {
      method: 'PUT',
      token: tokens.admin,
      headers: { 'if-match': '"1"' },
      body: { policies: defaultPolicies() },
    });

    expect(response.status).toBe(412);
    expect((await call(`${rt.api}/sla-policies`, { token: tokens.agent })).headers.get('etag')).toBe('"2"');
  });

  it('names the field of every invalid value', async () => {
    const response = await call(`${rt.api}/sla-policies`, {
      method: 'PUT',
      token: tokens.admin,
      body: { policies: [{ ...seconds, targets: { ...seconds.targets, timeToOpen: '15 minutes' } }] },
    });

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body.errors).toEqual([
      {
        path: 'policies.0.targets.timeToOpen',
        message: expect.stringContaining(
          "policies.0.targets.timeToOpen: '15 minutes' is not an ISO-8601 duration",
        ),
      },
    ]);
  });

  it('lets only admins change the policies', async () => {
    const response = await call(`${rt.api}/sla-policies`, {
      method: 'PUT',
      token: tokens.lead,
      body: { policies: defaultPolicies() },
    });

    expect(response.status).toBe(403);
  });
});

// Each timer test waits a few seconds of real time: they run side by side.
describe.concurrent('SLA timers firing through the local scheduler', () => {
  it('acknowledges a new ticket, reminds the queue at half time and escalates the breach to the lead, each once', async () => {
    const token = unique();
    const ticket = await openTicket(token);
    expect(ticket.sla).toMatchObject({ policyId: 'seconds', nextCheckKind: 'reminder' });

    const expected = [
      'agent2@helpdesk.example: Reminder',
      'agent@helpdesk.example: Reminder',
      'client@acme.example: We have received your request',
      'lead@helpdesk.example: SLA breached (time to open)',
    ];
    await waitFor('the escalation', async () =>
      (await mailsAbout(token)).length >= expected.length ? true : undefined,
    );
    await sleep(800);

    expect(summary(await mailsAbout(token))).toEqual(expected);
    const stored = await getTicket(ticket.id);
    expect(stored.sla.breaches).toEqual([{ clock: 'timeToOpen', at: stored.sla.firstResponseDueAt }]);
    expect(await eventTypes(ticket.id)).toEqual([
      'ticket.created',
      'sla.reminder',
      'sla.escalation',
      'sla.breached',
    ]);
    expect(await pendingSchedulesOf(ticket.id)).toHaveLength(1);
  });

  it('puts an assigned ticket nobody picked up back in its queue and tells the queue once', async () => {
    const token = unique();
    const ticket = await openTicket(token);
    const assigned = await call(`${rt.api}/tickets/${ticket.id}`, {
      method: 'PATCH',
      token: tokens.agent,
      body: { assignee: 'user-agent2' },
    });
    expect(assigned.status).toBe(200);

    const requeued = await waitFor('the re-queue', async () => {
      const stored = await getTicket(ticket.id);
      return stored.assignee === null ? stored : undefined;
    });
    // The check records the re-queue; its mails follow through the stream.
    await waitFor('the re-queue mails', async () =>
      summary(await mailsAbout(token)).filter((mail) => mail.includes('Back in the queue')).length >= 2
        ? true
        : undefined,
    );
    await sleep(500);

    expect(requeued.status).toBe('new');
    const mails = summary(await mailsAbout(token));
    // Reminders and breaches keep running on the now unassigned ticket (how many depends on
    // how busy the machine is); what this test owns is the re-queue notice, once per agent.
    const once = (line: string) => expect(mails.filter((mail) => mail === line)).toHaveLength(1);
    once('agent2@helpdesk.example: Back in the queue General');
    once('agent@helpdesk.example: Back in the queue General');
    once('client@acme.example: We have received your request');
    expect(await eventTypes(ticket.id)).toContain('sla.requeued');
  });

  it('closes a resolved ticket the client left silent, asks for feedback once, and leaves no timer', async () => {
    const token = unique();
    const ticket = await openTicket(token);
    const resolved = await call(`${rt.api}/tickets/${ticket.id}/resolve`, {
      method: 'POST',
      token: tokens.agent,
      body: { message: 'Unplug it, then call the fire brigade.' },
    });
    expect(resolved.status).toBe(200);
    expect((await storedTicket(ticket.id)).sla).toMatchObject({ nextCheckKind: 'auto-close' });

    const closed = await waitFor('the auto-close', async () => {
      const stored = await getTicket(ticket.id);
      return stored.status === 'closed' ? stored : undefined;
    });
    await waitFor('the closing mail', async () => ((await mailsAbout(token)).length >= 3 ? true : undefined));
    await sleep(500);

    expect(closed.status).toBe('closed');
    expect((await storedTicket(ticket.id)).sla.scheduleName).toBeNull();
    expect(summary(await mailsAbout(token))).toEqual([
      'client@acme.example: Solution proposed for your request',
      'client@acme.example: We have received your request',
      'client@acme.example: Your request has been closed',
    ]);
    expect(await eventTypes(ticket.id)).toEqual(['ticket.created', 'ticket.resolved', 'sla.auto-closed']);
    expect(await pendingSchedulesOf(ticket.id)).toHaveLength(0);
  });
});

describe('at-least-once delivery', () => {
  it('gives exactly one notice when a check arrives early, late and twice', async () => {
    await scheduler.stop();
    const { handler } = await import('#functions/sla/reminder.js');
    const token = unique();
    const ticket = await openTicket(token);

    const early = await handler(payloadOf(ticket));
    expect(early).toEqual({ outcome: 'early' });
    const rearmed = payloadOf(await storedTicket(ticket.id));
    expect(rearmed).toMatchObject({
      generation: Number(ticket.sla.scheduleGeneration) + 1,
      dueAt: ticket.sla.nextCheckAt,
    });

    await sleep(Math.max(0, new Date(String(ticket.sla.firstResponseDueAt)).getTime() - Date.now()) + 300);
    const late = await handler(rearmed);
    const twice = await Promise.all([handler(rearmed), handler(rearmed)]);

    expect(late).toEqual({ outcome: 'settled' });
    expect(twice).toEqual([{ outcome: 'stale' }, { outcome: 'stale' }]);
    // Late: the breach is escalated once, and the reminder it overtook is not sent any more.
    await waitFor('the escalation mail', async () =>
      (await mailsAbout(token)).length >= 2 ? true : undefined,
    );
    await sleep(600);
    expect(summary(await mailsAbout(token))).toEqual([
      'client@acme.example: We have received your request',
      'lead@helpdesk.example: SLA breached (time to open)',
    ]);
  });

  it('loses no timer over a restart: an overdue check fires when the scheduler starts again', async () => {
    await scheduler.stop();
    const token = unique();
    const ticket = await openTicket(token);
    const reminderDue = new Date(String(ticket.sla.nextCheckAt)).getTime();

    await sleep(Math.max(0, reminderDue - Date.now()) + 500); // down while the reminder falls due
    expect(await mailsAbout(token)).toHaveLength(1);
    scheduler = startSlaScheduler();

    await waitFor('the overdue reminder', async () =>
      (await mailsAbout(token)).length >= 3 ? true : undefined,
    );
    await sleep(300);
    expect(summary(await mailsAbout(token))).toEqual([
      'agent2@helpdesk.example: Reminder',
      'agent@helpdesk.example: Reminder',
      'client@acme.example: We have received your request',
    ]);
    expect(await pendingSchedulesOf(ticket.id)).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ kind: 'escalation' }) }),
    ]);
  });
});
