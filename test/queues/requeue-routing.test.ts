import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlaScheduler } from '#local/sla-scheduler.js';
import { agentStateEntity } from '#platform/table/agent-state.js';
import { defaultPolicies } from '#sla/policy.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * Auto-assignment on a pickup re-queue, end to end on the local runtime (docs/routing.md): DynamoDB
 * Local, the table-backed scheduler firing the same SLA handler, the change stream's consumers and
 * the SES emulator. A seconds-scale policy makes the pickup timer fire within seconds.
 */
const pickupInSeconds = {
  id: 'pickup-seconds',
  name: 'Urgent, pickup in seconds (tests)',
  match: { priority: ['urgent'] },
  calendarId: '24x7',
  // Long enough that no reminder or breach falls inside the test: only the pickup timer fires.
  targets: { timeToOpen: 'PT10M', timeToResolve: 'PT1H', totalServiceTime: 'PT2H' },
  reminders: [0.9],
  atRisk: 0.9,
  pickupTimeout: 'PT4S',
  autoCloseAfter: 'PT72H',
};

interface CapturedMail {
  destination: { to: string[] };
  subject: string;
}

interface HistoryEvent {
  type: string;
  actor: { id: string; role: string; name: string };
  changes: { field: string; from: unknown; to: unknown }[];
}

const agents = {
  'user-agent': 'agent@helpdesk.example',
  'user-agent2': 'agent2@helpdesk.example',
} as const;
type AgentId = keyof typeof agents;

let rt: TestRuntime;
let scheduler: ReturnType<typeof startSlaScheduler>;
let admin = '';
let lead = '';
const tokenOf: Record<AgentId, string> = { 'user-agent': '', 'user-agent2': '' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const unique = () => randomBytes(4).toString('hex');

const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(100);
  }
};

/** "address: subject" of the mails whose subject carries `token` (the SES emulator is shared by the run). */
const mailsAbout = async (token: string): Promise<string[]> => {
  const store = (await (await fetch(`${rt.sesUrl}/store`)).json()) as { emails: CapturedMail[] };
  return store.emails
    .filter((mail) => mail.subject.includes(token))
    .map((mail) => `${(mail.destination.to[0] ?? '').replace(/^.*<|>$/g, '')}: ${mail.subject}`)
    .sort();
};

const historyOf = async (ticketId: string): Promise<HistoryEvent[]> =>
  (await call(`${rt.api}/tickets/${ticketId}/events?limit=100`, { token: admin })).body.items;

const assignedNotices = async (agent: AgentId, ticketId: string) =>
  (await call(`${rt.api}/me/notifications?limit=100`, { token: tokenOf[agent] })).body.items.filter(
    (item: { kind: string; ticketId: string }) =>
      item.kind === 'ticketAssigned' && item.ticketId === ticketId,
  );

const openAssignedOf = async (agent: AgentId): Promise<number> => {
  const { Item } = await rt.db.send(
    new GetCommand({ TableName: rt.tableName, Key: agentStateEntity.key(agent), ConsistentRead: true }),
  );
  return Number(Item?.openAssigned ?? 0);
};

beforeAll(async () => {
  rt = await startTestRuntime();
  admin = await rt.token('admin@helpdesk.example');
  lead = await rt.token('lead@helpdesk.example');
  for (const [id, email] of Object.entries(agents) as [AgentId, (typeof agents)[AgentId]][]) {
    tokenOf[id] = await rt.token(email);
    // English mail, so the test tells the notices apart by their subject.
    const patched = await call(`${rt.api}/users/${id}`, {
      method: 'PATCH',
      token: admin,
      body: { language: 'en', capacity: 50 },
    });
    expect(patched.status).toBe(200);
  }
  const current = await call(`${rt.api}/sla-policies`, { token: admin });
  const saved = await call(`${rt.api}/sla-policies`, {
    method: 'PUT',
    token: admin,
    headers: { 'if-match': current.headers.get('etag') ?? '' },
    body: { policies: [pickupInSeconds, ...defaultPolicies()] },
  });
  expect(saved.status).toBe(200);
  scheduler = startSlaScheduler();
});

afterAll(async () => {
  await scheduler?.stop();
  await rt?.stop();
});

describe('a pickup re-queue in an auto-assigning queue', () => {
  it('hands the ticket nobody picked up to the other member, by the system, tells them, and never gives it back', {
    timeout: 60_000,
  }, async () => {
    const token = unique();
    const queue = `pickup-${token}`;
    const created = await call(`${rt.api}/queues`, {
      method: 'POST',
      token: admin,
      body: { id: queue, name: `Pickup ${token}`, members: Object.keys(agents), autoAssign: 'round-robin' },
    });
    expect(created.status).toBe(201);
    const opened = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: lead,
      body: {
        subject: `Server room flooded ${token}`,
        description: 'Water under the racks',
        priority: 'urgent',
        requester: { email: 'client@acme.example' },
        queue,
      },
    });
    expect(opened.status).toBe(201);
    const ticketId: string = opened.body.id;
    const first = opened.body.assignee?.id as AgentId;
    expect(Object.keys(agents)).toContain(first);
    const other = (Object.keys(agents) as AgentId[]).find((id) => id !== first) as AgentId;
    const loadBefore = { [first]: await openAssignedOf(first), [other]: await openAssignedOf(other) };

    // The first assignee does nothing: the pickup timer fires and the ticket changes hands.
    const handedOn = await waitFor('the re-queue', async () => {
      const ticket = (await call(`${rt.api}/tickets/${ticketId}`, { token: admin })).body;
      return ticket.assignee?.id === other ? ticket : undefined;
    });
    // The new assignee picks it up at once, so no second pickup timer runs out.
    const picked = await call(`${rt.api}/tickets/${ticketId}`, {
      method: 'PATCH',
      token: tokenOf[other],
      body: { status: 'open' },
    });
    expect(picked.status).toBe(200);
    await rt.drained();

    expect(handedOn).toMatchObject({ status: 'new', queue });
    const history = await historyOf(ticketId);
    const requeued = history.findIndex((event) => event.type === 'sla.requeued');
    expect(requeued).toBeGreaterThan(-1);
    expect(history.filter((event) => event.type === 'sla.requeued')).toHaveLength(1);
    expect(history[requeued]).toMatchObject({
      actor: { role: 'system' },
      changes: [{ field: 'assignee', from: { id: first }, to: null }],
    });
    expect(history[requeued + 1]).toMatchObject({
      type: 'ticket.updated',
      actor: { id: 'system', role: 'system', name: 'Auto-assignment' },
      changes: [{ field: 'assignee', from: null, to: { id: other } }],
    });
    // Given to the first member on creation, taken away by the timer, given to the other: never back.
    const assignees = history.flatMap((event) =>
      event.changes.filter((change) => change.field === 'assignee').map((change) => change.to),
    );
    expect(assignees).toEqual([
      expect.objectContaining({ id: first }),
      null,
      expect.objectContaining({ id: other }),
    ]);

    // The new assignee is told in the product and by mail; the first one only of their own assignment.
    expect(await assignedNotices(other, ticketId)).toHaveLength(1);
    expect(await assignedNotices(first, ticketId)).toHaveLength(1);
    const mails = await waitFor('the mails', async () => {
      const sent = await mailsAbout(token);
      return sent.length >= 7 ? sent : undefined;
    });
    const assignedMail = (agent: AgentId) =>
      `${agents[agent]}: [${opened.body.reference}] Assigned to you: Server room flooded ${token}`;
    expect(mails.filter((mail) => mail === assignedMail(other))).toHaveLength(1);
    expect(mails.filter((mail) => mail === assignedMail(first))).toHaveLength(1);
    // The queue is told of the re-queue (docs/sla.md), once per member.
    for (const agent of [first, other]) {
      expect(
        mails.filter((mail) =>
          mail.startsWith(`${agents[agent]}: [${opened.body.reference}] Back in the queue`),
        ),
      ).toHaveLength(1);
    }
    // The ticket's load moved with it.
    expect(await openAssignedOf(first)).toBe((loadBefore[first] ?? 0) - 1);
    expect(await openAssignedOf(other)).toBe((loadBefore[other] ?? 0) + 1);
  });
});
