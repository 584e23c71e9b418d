/**
 * The SLA burst benchmark, run in its own process by bench/sla-burst.ts (the handler modules
 * read their configuration once, so the run gets its own DynamoDB Local, SES emulator and
 * table): BENCH_SLA_BURST_TICKETS (default 5,000) open tickets whose time to open runs out in
 * the same second (./sla-burst-tickets.ts). The local scheduler starts as `npm start` runs it
 * and sleeps until the deadline; the bench measures, from the deadline, when the last ticket
 * was flagged (its `sla.breached` and `sla.escalation` events written with the ticket) and when
 * the last escalation mail was sent (its notification record's `sentAt`), by the sla-notices
 * consumer on the local change stream. Prints one JSON line.
 */
import { loadavg } from 'node:os';
import { startDynamoDbLocal } from '#local/dynamodb.js';
import { freePort } from '#local/free-port.js';
import { newLocalSecrets, prepareLocalTable } from '#local/prepare.js';
import { startSesEmulator } from '#local/ses.js';
import { startSlaScheduler } from '#local/sla-scheduler.js';
import { startLocalStream } from '#local/stream.js';
import { DEFAULT_CONCURRENCY } from '#local/table-scheduler.js';
import { notificationEntity } from '#platform/table/notification.js';
import { ticketEntity } from '#platform/table/ticket.js';
import { flaggedAtOf, readItems, saveBurstPolicy, writeTicketsDueAt } from './sla-burst-tickets.js';

const tickets = Number(process.env.BENCH_SLA_BURST_TICKETS ?? 5000);
const concurrency = Number(process.env.BENCH_SLA_BURST_CONCURRENCY ?? DEFAULT_CONCURRENCY);
/** Within how long after the deadline every ticket must be flagged and escalated. */
const TARGET_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const dynamo = await startDynamoDbLocal({ port: await freePort(), readyWithinMs: 120_000 });
const ses = await startSesEmulator({ port: 0 });
const tableName = 'helpdesk-bench-sla-burst';
const { db } = await prepareLocalTable(
  {
    tableName,
    dynamoEndpoint: dynamo.endpoint,
    sesEndpoint: ses.url,
    ...newLocalSecrets(),
    portalUrl: 'http://localhost',
  },
  { password: 'demo' },
);
await saveBurstPolicy(db, tableName);

// The deadline: a whole second, far enough ahead for the set-up to finish before it.
const deadline = new Date(Math.ceil((Date.now() + 4000 + tickets * 2) / 1000) * 1000);
const setupStarted = Date.now();
const ticketIds = await writeTicketsDueAt({ db, tableName, count: tickets, deadline });
const setupMs = Date.now() - setupStarted;
const headroomMs = deadline.getTime() - Date.now();

// The change stream's consumers, as `npm start` runs them: started once the tickets are written
// (a first start begins at the stream's end), so they see the checks' events, and the
// sla-notices consumer mails each escalation as its check lands.
const stream = await startLocalStream();
const noticeDelivery = 'local-stream';
const scheduler = startSlaScheduler({ concurrency });
// Every timer due at the deadline has fired once none is left at or before it.
const giveUpAt = Math.max(Date.now(), deadline.getTime()) + 300_000;
for (;;) {
  await sleep(200);
  const { due } = await scheduler.schedules.upcoming(deadline, 1);
  if (Date.now() > deadline.getTime() && due.length === 0) break;
  if (Date.now() > giveUpAt) throw new Error('the burst did not finish within 5 minutes');
}
await scheduler.runner.idle();
const allFiredMs = Date.now() - deadline.getTime();
const stored = await readItems(
  db,
  tableName,
  ticketIds.map((id) => ticketEntity.key(id)),
);
const flagged = stored.map(flaggedAtOf).filter((time): time is number => time !== null);
const lastFlaggedMs = flagged.length ? Math.max(...flagged) - deadline.getTime() : null;

let sentTimes: number[] = [];
const noticesGiveUpAt = Date.now() + 300_000;
for (;;) {
  const records = await readItems(
    db,
    tableName,
    ticketIds.map((id) => notificationEntity.key(id, 'timeToOpen', 'breach')),
  );
  sentTimes = records
    .map((record) => (typeof record.sentAt === 'string' ? new Date(record.sentAt).getTime() : null))
    .filter((time): time is number => time !== null);
  if (sentTimes.length >= tickets || Date.now() > noticesGiveUpAt) break;
  await sleep(1000);
}
const lastNoticeMs = sentTimes.length ? Math.max(...sentTimes) - deadline.getTime() : null;

await scheduler.stop();
await stream.stop();
await ses.stop();
await dynamo.stop();

console.log(
  JSON.stringify({
    tickets,
    concurrency,
    deadline: deadline.toISOString(),
    setupMs,
    headroomMs,
    flagged: flagged.length,
    lastFlaggedMs,
    allTimersFiredMs: allFiredMs,
    checksPerSecond: lastFlaggedMs ? Math.round((flagged.length / lastFlaggedMs) * 1000) : null,
    noticesSent: sentTimes.length,
    lastNoticeMs,
    noticeDelivery,
    loadAverage: loadavg().map((load) => Math.round(load * 10) / 10),
    targets: { flaggedWithinMs: TARGET_MS },
    met: flagged.length === tickets && lastFlaggedMs !== null && lastFlaggedMs <= TARGET_MS,
  }),
);
process.exit(0);
