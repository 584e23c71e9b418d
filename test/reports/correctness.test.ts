import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamHandler } from '#platform/adapters/stream-consumer.js';
import { businessSecondsUnder } from '#reports/business-time.js';
import type { AgentRow, Overview } from '#reports/schemas.js';
import { aroundTheClock, calendarTime } from '#sla/calendar.js';
import { feedbackItem, ticketItem } from '#tickets/adapters/ticket-items.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { insertRecordOf, modifyRecordOf } from '../support/stream-records.js';
import {
  always,
  assignedTo,
  bruteForce,
  compareAgents,
  compareFigures,
  compareOverview,
  DAY,
  valuesOf,
  type Window,
} from './brute-force.js';
import { generateTimelines, type Timeline } from './timelines.js';

/**
 * Every figure of the overview and agents reports against a brute-force computation over the
 * same generated tickets (docs/reports.md): the records of every ticket write and rating go
 * through the real reports consumer into DynamoDB Local, the reports are read through the API.
 * Counts must be exact, percentiles within one histogram bucket. Then every record again:
 * nothing may change. REPORTS_TICKETS sets the size: 100 by default, so the suite stays quick
 * (DynamoDB Local takes about 40 ms per record here; 1,000 tickets took 6 minutes, docs/reports.md).
 */
const TICKETS = Number(process.env.REPORTS_TICKETS ?? 100);
const from = '2026-06-01';
const to = '2026-08-29';
const start = Date.parse(`${from}T00:00:00Z`);
const end = Date.parse(`${to}T00:00:00Z`) + DAY;
const utc: Window = { start, end };

let rt: TestRuntime;
let handler: StreamHandler;
let lead = '';
let timelines: Timeline[];
let records: DynamoDBRecord[];

const feed = async (all: readonly DynamoDBRecord[]) => {
  // The consumer's batches, several shards side by side (one ticket's records stay in order).
  const byTicket = new Map<string, DynamoDBRecord[]>();
  for (const record of all) {
    const key = String(record.dynamodb?.Keys?.pk?.S);
    byTicket.set(key, [...(byTicket.get(key) ?? []), record]);
  }
  const shards: DynamoDBRecord[][] = [[], [], [], []];
  for (const [i, list] of [...byTicket.values()].entries()) shards[i % shards.length]?.push(...list);
  await Promise.all(
    shards.map(async (shard) => {
      for (let i = 0; i < shard.length; i += 100) {
        const result = await handler({ Records: shard.slice(i, i + 100) } as DynamoDBStreamEvent);
        expect(result.batchItemFailures).toEqual([]);
      }
    }),
  );
};

beforeAll(async () => {
  rt = await startTestRuntime({ stream: false });
  ({ handler } = (await import('#functions/stream/reports.js')) as { handler: StreamHandler });
  lead = await rt.token('lead@helpdesk.example');
  timelines = generateTimelines(TICKETS, { seed: 14, from: start - 12 * DAY, days: 105 });
  let sequence = 0;
  const next = () => String(++sequence).padStart(21, '0');
  records = timelines.flatMap((timeline) => [
    ...timeline.writes.map(({ before, after }) =>
      before
        ? modifyRecordOf(ticketItem(before), ticketItem(after), next())
        : insertRecordOf(ticketItem(after), next()),
    ),
    ...(timeline.feedback
      ? [insertRecordOf(feedbackItem(timeline.ticket.id, timeline.feedback), next())]
      : []),
  ]);
  await feed(records);
}, 600_000);
afterAll(() => rt.stop());

const overview = async (query = '', timeZone = 'UTC'): Promise<Overview> => {
  const response = await call(
    `${rt.api}/reports/overview?from=${from}&to=${to}&timeZone=${timeZone}&interval=day${query}`,
    { token: lead },
  );
  expect(response.status).toBe(200);
  return response.body;
};

describe('reports against a brute-force computation', () => {
  it(`matches every overview figure over ${TICKETS} generated tickets`, async () => {
    // The default policies count around the clock: business time is wall time here.
    compareOverview(
      await overview(),
      timelines,
      utc,
      always,
      businessSecondsUnder(calendarTime(aroundTheClock)),
    );
  });

  it('matches with one filter, for every value of each dimension (the roll-ups)', async () => {
    const dimensions = {
      orgId: (t: Timeline) => t.orgId,
      queue: (t: Timeline) => t.ticket.queue,
      priority: (t: Timeline) => t.ticket.priority,
      category: (t: Timeline) => t.ticket.category,
    };
    for (const [name, of] of Object.entries(dimensions)) {
      for (const value of valuesOf(timelines, of)) {
        compareOverview(
          await overview(`&${name}=${encodeURIComponent(value)}`),
          timelines.filter((t) => of(t) === value),
          utc,
        );
      }
    }
    for (const agent of valuesOf(timelines, (t) => t.agent?.id ?? null)) {
      compareOverview(await overview(`&agent=${agent}`), timelines, utc, assignedTo(agent));
    }
  });

  it('matches with two filters together (the detail cells)', async () => {
    compareOverview(
      await overview('&orgId=acme&priority=high'),
      timelines.filter((t) => t.orgId === 'acme' && t.ticket.priority === 'high'),
      utc,
    );
    const agent = valuesOf(timelines, (t) => t.agent?.id ?? null)[0] ?? '';
    compareOverview(
      await overview(`&orgId=globex&agent=${agent}`),
      timelines.filter((t) => t.orgId === 'globex'),
      utc,
      assignedTo(agent),
    );
  });

  it('matches with a filter in a zone with an offset (days rolled up, the edge hours in detail)', async () => {
    const berlin = {
      start: Date.parse(`${from}T00:00:00+02:00`),
      end: Date.parse(`${to}T00:00:00+02:00`) + DAY,
    };
    compareFigures(
      await overview('&queue=billing', 'Europe/Berlin'),
      bruteForce(
        timelines.filter((t) => t.ticket.queue === 'billing'),
        berlin,
        always,
      ),
    );
  });

  it('matches the agents report: every figure per agent, ranked', async () => {
    const response = await call(`${rt.api}/reports/agents?from=${from}&to=${to}&timeZone=UTC&minTickets=1`, {
      token: lead,
    });
    expect(response.status).toBe(200);
    compareAgents(response.body.items as AgentRow[], timelines, utc);
  });

  it('changes nothing when every stream record comes again', async () => {
    const before = await overview();
    await feed(records);
    expect(await overview()).toEqual(before);
  }, 600_000);
});
