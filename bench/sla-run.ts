/**
 * The SLA lateness benchmark, run in its own process by bench/sla.ts (the handler modules read
 * their configuration once, so this run gets its own DynamoDB Local, SES emulator and table).
 * Prints one JSON line with the figures.
 */
import { loadavg } from 'node:os';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoDbLocal } from '#local/dynamodb.js';
import { freePort } from '#local/free-port.js';
import { createLocalServer } from '#local/gateway/server.js';
import { newLocalSecrets, prepareLocalTable } from '#local/prepare.js';
import { demoUsers } from '#local/seed.js';
import { startSesEmulator } from '#local/ses.js';
import { startSlaScheduler } from '#local/sla-scheduler.js';
import { issueUserToken } from '#local/tokens.js';
import { notificationEntity } from '#platform/table/notification.js';
import { DynamoSlaConfigStore } from '#sla/adapters/dynamodb-sla-config-store.js';
import { defaultPolicies, parsePolicyDocument } from '#sla/policy.js';

const tickets = Number(process.env.BENCH_SLA_TICKETS ?? 500);
const spreadSeconds = Number(process.env.BENCH_SLA_SPREAD_SECONDS ?? 60);
const TIME_TO_OPEN_MS = 10_000;
/** BENCH_SLA_REMINDERS=1 adds a reminder at half time (two more mails per ticket: the queue has two agents). */
const withReminder = process.env.BENCH_SLA_REMINDERS === '1';
const REMINDER_AT = 0.5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0) : 0;

const dynamo = await startDynamoDbLocal({ port: await freePort() });
const ses = await startSesEmulator({ port: 0 });
const secrets = newLocalSecrets();
const tableName = 'helpdesk-bench-sla';
const { db } = await prepareLocalTable(
  {
    tableName,
    dynamoEndpoint: dynamo.endpoint,
    sesEndpoint: ses.url,
    ...secrets,
    portalUrl: 'http://localhost',
  },
  { password: 'demo' },
);

// Urgent tickets: escalated when the time to open (10 s) runs out; nothing else runs.
const fast = parsePolicyDocument({
  policies: [
    {
      id: 'bench',
      name: 'Bench: seconds',
      match: { priority: ['urgent'] },
      targets: { timeToOpen: TIME_TO_OPEN_MS / 1000, timeToResolve: null, totalServiceTime: null },
      reminders: withReminder ? [REMINDER_AT] : [],
      atRisk: null,
    },
    ...defaultPolicies(),
  ],
}).policies;
const sla = new DynamoSlaConfigStore(db, tableName);
const seeded = await sla.load();
await sla.savePolicies({
  policies: fast,
  previous: seeded.policies,
  expectedVersion: seeded.version,
  actor: { id: 'bench', name: 'Bench', role: 'admin' },
  at: new Date().toISOString(),
});

const server = await createLocalServer({ port: 0, jwtSecret: secrets.jwtSecret, rateLimits: 'off' }); // measures the functions, not the limiter
const scheduler = startSlaScheduler();
const clientUser = demoUsers.find((user) => user.email === 'client@acme.example');
if (!clientUser) throw new Error('no demo client');
const token = await issueUserToken(secrets.jwtSecret, clientUser);

const create = async (i: number) => {
  const response = await fetch(`${server.url}/api/v1/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ subject: `Bench ${i}`, description: 'SLA lateness', priority: 'urgent' }),
  });
  if (response.status !== 201) throw new Error(`create answered ${response.status}`);
  return (await response.json()) as { id: string; createdAt: string };
};

// Creations spread evenly over the window, so the deadlines are too.
const started = Date.now();
const created: { id: string; createdAt: string }[] = [];
const samples: { at: number; pending: number; maxPerTicket: number }[] = [];
const sampling = (async () => {
  while (Date.now() - started < (spreadSeconds + TIME_TO_OPEN_MS / 1000 + 3) * 1000) {
    await sleep(2000);
    const now = Date.now();
    // A schedule whose time has come is firing, no longer pending (EventBridge has deleted it by then).
    const pending = (await scheduler.schedules.pending()).filter((s) => new Date(s.dueAt).getTime() > now);
    const perTicket = new Map<string, number>();
    for (const schedule of pending) {
      const id = (schedule.payload as { ticketId?: string }).ticketId ?? '?';
      perTicket.set(id, (perTicket.get(id) ?? 0) + 1);
    }
    samples.push({
      at: now - started,
      pending: pending.length,
      maxPerTicket: Math.max(0, ...perTicket.values()),
    });
  }
})();
await Promise.all(
  Array.from({ length: tickets }, async (_, i) => {
    await sleep((i * spreadSeconds * 1000) / tickets);
    created.push(await create(i));
  }),
);
await sampling;

// Wait for the last escalation, then read when each notice was sent.
const lastDue = Math.max(...created.map((t) => new Date(t.createdAt).getTime() + TIME_TO_OPEN_MS));
await sleep(Math.max(0, lastDue - Date.now()) + 3000);
await scheduler.runner.idle();
const lateness: number[] = [];
let missing = 0;
for (const ticket of created) {
  const createdAt = new Date(ticket.createdAt).getTime();
  const notices: [string, number][] = [['breach', createdAt + TIME_TO_OPEN_MS]];
  if (withReminder) notices.push(['reminder-50', createdAt + REMINDER_AT * TIME_TO_OPEN_MS]);
  for (const [level, dueAt] of notices) {
    const record = await db.send(
      new GetCommand({ TableName: tableName, Key: notificationEntity.key(ticket.id, 'timeToOpen', level) }),
    );
    const sentAt = record.Item?.sentAt;
    if (typeof sentAt === 'string') lateness.push(new Date(sentAt).getTime() - dueAt);
    else missing++;
  }
}
const remaining = (await scheduler.schedules.pending()).length;
lateness.sort((a, b) => a - b);

await scheduler.stop();
await server.close();
await ses.stop();
await dynamo.stop();

const maxPerTicket = Math.max(0, ...samples.map((s) => s.maxPerTicket));
console.log(
  JSON.stringify({
    tickets,
    spreadSeconds,
    notices: lateness.length,
    missing,
    latenessMs: {
      p50: percentile(lateness, 50),
      p90: percentile(lateness, 90),
      p99: percentile(lateness, 99),
      max: lateness.at(-1) ?? 0,
      min: lateness[0] ?? 0,
    },
    pendingSchedules: {
      maxPerOpenTicket: maxPerTicket,
      peak: Math.max(0, ...samples.map((s) => s.pending)),
      afterLastNotice: remaining,
      samples: samples.length,
    },
    notice: withReminder ? 'reminder at 50 % and escalation at the deadline' : 'escalation at the deadline',
    loadAverage: loadavg().map((load) => Math.round(load * 10) / 10),
    targets: { p99Ms: 2000, maxPerOpenTicket: 1 },
    met: percentile(lateness, 99) <= 2000 && maxPerTicket <= 1 && missing === 0,
  }),
);
process.exit(0);
