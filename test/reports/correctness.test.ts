import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamHandler } from '#platform/adapters/stream-consumer.js';
import { bucketOf } from '#reports/histogram.js';
import { feedbackItem, ticketItem } from '#tickets/adapters/ticket-items.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { insertRecordOf, modifyRecordOf } from '../support/stream-records.js';
import { generateTimelines, statusAt, type Timeline } from './timelines.js';

/**
 * Every figure of the overview and agents reports against a brute-force computation over the
 * same generated tickets (docs/reports.md): the records of every ticket write and rating go
 * through the real reports consumer into DynamoDB Local, the reports are read through the API.
 * Counts must be exact, percentiles within one histogram bucket. Then every record again:
 * nothing may change. REPORTS_TICKETS sets the size: 100 by default, so the suite stays quick
 * (DynamoDB Local takes about 40 ms per record here; 1,000 tickets took 6 minutes, docs/reports.md).
 */
const TICKETS = Number(process.env.REPORTS_TICKETS ?? 100);
const DAY = 86_400_000;
const from = '2026-06-01';
const to = '2026-08-29';
const start = Date.parse(`${from}T00:00:00Z`);
const end = Date.parse(`${to}T00:00:00Z`) + DAY;

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

const inRange = (at: number | null | undefined): at is number =>
  at !== null && at !== undefined && at >= start && at < end;

/** Nearest-rank percentile of exact durations (seconds). */
const exactPercentile = (values: number[], p: number): number | null => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1] ?? null;
};

const expectSameBucket = (reported: number | null, exact: number | null) => {
  if (exact === null) return expect(reported).toBeNull();
  expect(reported).not.toBeNull();
  expect(Math.abs(bucketOf(reported ?? 0) - bucketOf(exact))).toBeLessThanOrEqual(1);
};

const isActive = (status: string | null) =>
  status !== null && ['new', 'open', 'answered', 'pending', 'on_hold', 'postponed'].includes(status);

const bruteForce = (selected: readonly Timeline[]) => {
  const frt = selected
    .filter((t) => inRange(t.respondedAt))
    .map((t) => Math.round(((t.respondedAt ?? 0) - t.createdAt) / 1000));
  const res = selected
    .filter((t) => inRange(t.resolvedAt[0]))
    .map((t) => Math.round(((t.resolvedAt[0] ?? 0) - t.createdAt) / 1000));
  const clock = (name: 'timeToOpen' | 'timeToResolve' | 'totalServiceTime') => {
    let met = 0;
    let breached = 0;
    for (const t of selected) {
      if (!t.hasPolicy) continue;
      const breach = t.breaches.find((b) => b.clock === name);
      if (breach) {
        if (inRange(breach.at)) breached++;
        continue;
      }
      const stop = name === 'timeToOpen' ? t.respondedAt : t.closedAt;
      if (inRange(stop)) met++;
    }
    return {
      met,
      breached,
      compliance: met + breached ? Math.round((met / (met + breached)) * 10_000) / 10_000 : null,
    };
  };
  const ratings = selected.filter((t) => inRange(t.rating?.at)).map((t) => t.rating?.value ?? 0);
  return {
    totals: {
      created: selected.filter((t) => inRange(t.createdAt)).length,
      firstResponded: frt.length,
      resolved: res.length,
      closed: selected.filter((t) => inRange(t.closedAt)).length,
      reopened: selected.flatMap((t) => t.reopenedAt).filter(inRange).length,
      backlog: selected.filter((t) => isActive(statusAt(t, end))).length,
      // Nobody reports a deflection here (test/kb/deflections.test.ts counts them).
      deflections: 0,
    },
    frt,
    res,
    sla: {
      timeToOpen: clock('timeToOpen'),
      timeToResolve: clock('timeToResolve'),
      totalServiceTime: clock('totalServiceTime'),
    },
    csat: {
      responses: ratings.length,
      distribution: Object.fromEntries(
        [1, 2, 3, 4, 5].map((r) => [String(r), ratings.filter((v) => v === r).length]),
      ),
      average: ratings.length
        ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100
        : null,
    },
  };
};

const overview = async (query = '') => {
  const response = await call(
    `${rt.api}/reports/overview?from=${from}&to=${to}&timeZone=UTC&interval=day${query}`,
    { token: lead },
  );
  expect(response.status).toBe(200);
  return response.body;
};

const compareOverview = (report: Awaited<ReturnType<typeof overview>>, selected: readonly Timeline[]) => {
  const expected = bruteForce(selected);
  expect(report.totals).toEqual(expected.totals);
  expect(report.sla).toEqual(expected.sla);
  expect(report.csat).toEqual(expected.csat);
  expectSameBucket(report.firstResponseTime.p50, exactPercentile(expected.frt, 0.5));
  expectSameBucket(report.firstResponseTime.p90, exactPercentile(expected.frt, 0.9));
  expectSameBucket(report.resolutionTime.p50, exactPercentile(expected.res, 0.5));
  expectSameBucket(report.resolutionTime.p90, exactPercentile(expected.res, 0.9));
  const avg = (values: number[]) =>
    values.length ? Math.round(values.reduce((a, b) => a + b, 0) / values.length) : null;
  expect(report.firstResponseTime.avgSeconds).toBe(avg(expected.frt));
  expect(report.resolutionTime.avgSeconds).toBe(avg(expected.res));
  // The series: one point a day, created and resolved counted on their day, the backlog at each day's end.
  expect(report.series).toHaveLength(90);
  for (const [i, point] of (
    report.series as { start: string; created: number; resolved: number; backlog: number }[]
  ).entries()) {
    const dayStart = start + i * DAY;
    const within = (at: number | null | undefined) =>
      at !== null && at !== undefined && at >= dayStart && at < dayStart + DAY;
    expect(point.start).toBe(new Date(dayStart).toISOString().slice(0, 10));
    expect(point.created).toBe(selected.filter((t) => within(t.createdAt)).length);
    expect(point.resolved).toBe(selected.filter((t) => within(t.resolvedAt[0])).length);
    expect(point.backlog).toBe(selected.filter((t) => isActive(statusAt(t, dayStart + DAY))).length);
  }
};

describe('reports against a brute-force computation', () => {
  it(`matches every overview figure over ${TICKETS} generated tickets`, async () => {
    compareOverview(await overview(), timelines);
  });

  it('matches with a filter (one organisation)', async () => {
    compareOverview(
      await overview('&orgId=acme'),
      timelines.filter((t) => t.orgId === 'acme'),
    );
  });

  it('matches the agents report: assigned, resolved and CSAT per agent', async () => {
    const response = await call(`${rt.api}/reports/agents?from=${from}&to=${to}&timeZone=UTC&minTickets=1`, {
      token: lead,
    });
    expect(response.status).toBe(200);
    const rows = response.body.items as {
      agent: { id: string };
      assigned: number;
      resolved: number;
      csatResponses: number;
      resolutionP50: number | null;
      rank: number | null;
      flag: string | null;
    }[];
    const agentIds = [...new Set(timelines.flatMap((t) => (t.agent ? [t.agent.id] : [])))].sort();
    expect(rows.map((row) => row.agent.id).sort()).toEqual(agentIds);
    for (const row of rows) {
      const mine = timelines.filter((t) => t.agent?.id === row.agent.id);
      expect(row.assigned).toBe(mine.filter((t) => inRange(t.respondedAt)).length);
      expect(row.resolved).toBe(mine.filter((t) => inRange(t.resolvedAt[0])).length);
      expect(row.csatResponses).toBe(mine.filter((t) => inRange(t.rating?.at)).length);
      expectSameBucket(
        row.resolutionP50,
        exactPercentile(
          mine
            .filter((t) => inRange(t.resolvedAt[0]))
            .map((t) => Math.round(((t.resolvedAt[0] ?? 0) - t.createdAt) / 1000)),
          0.5,
        ),
      );
    }
    expect(rows.filter((row) => row.flag === 'best')).toHaveLength(1);
    expect(rows.filter((row) => row.flag === 'weakest')).toHaveLength(1);
    expect(rows[0]?.flag).toBe('best');
  });

  it('changes nothing when every stream record comes again', async () => {
    const before = await overview();
    await feed(records);
    expect(await overview()).toEqual(before);
  }, 600_000);
});
