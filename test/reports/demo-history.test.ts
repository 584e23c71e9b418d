import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHistory } from '#local/demo-history.js';
import { openDemoHistory } from '#local/prepare.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * The demo history `npm start` writes on a fresh table (local/demo-history.ts, docs/reports.md),
 * smaller here: Reports shows its figures and its emerging topic, the live reports consumer
 * does not count it a second time, and a second start writes nothing.
 */
const TICKETS = 150;
const DAYS = 35;
const DAY = 86_400_000;

let rt: TestRuntime;
let lead = '';
let written = 0;
let seconds = 0;
/** A fixed day: the same seed and day give the same history, so the figures checked are stable. */
const now = new Date('2026-10-15T12:00:00Z');
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const range = `from=${day(now.getTime() - DAYS * DAY)}&to=${day(now.getTime())}&timeZone=UTC`;

const overview = async () => {
  const response = await call(`${rt.api}/reports/overview?${range}`, { token: lead });
  expect(response.status).toBe(200);
  return response.body;
};

beforeAll(async () => {
  rt = await startTestRuntime();
  lead = await rt.token('lead@helpdesk.example');
  const started = Date.now();
  written = await openDemoHistory(rt.db, rt.tableName, { tickets: TICKETS, days: DAYS, now });
  seconds = (Date.now() - started) / 1000;
}, 400_000);

afterAll(async () => {
  await rt?.stop();
});

describe('demo history', () => {
  it('shows figures in every part of the overview', async () => {
    expect(written).toBe(TICKETS);
    console.log(`demo history: ${TICKETS} tickets written in ${seconds.toFixed(1)} s`);
    const report = await overview();
    expect(report.totals.created).toBe(TICKETS);
    expect(report.totals.resolved).toBeGreaterThan(TICKETS / 2);
    expect(report.totals.closed).toBeGreaterThan(0);
    expect(report.totals.reopened).toBeGreaterThan(0);
    expect(report.totals.backlog).toBeGreaterThan(0);
    expect(report.firstResponseTime.p50).toBeGreaterThan(0);
    expect(report.resolutionTime.p90).toBeGreaterThan(report.resolutionTime.p50);
    for (const clock of ['timeToOpen', 'timeToResolve', 'totalServiceTime'] as const) {
      expect(report.sla[clock].met).toBeGreaterThan(0);
      expect(report.sla[clock].breached).toBeGreaterThan(0);
    }
    expect(report.csat.responses).toBeGreaterThan(10);
    expect(Object.keys(report.csat.distribution).length).toBeGreaterThan(2);
    expect(report.series.filter((point: { created: number }) => point.created > 0).length).toBeGreaterThan(
      DAYS / 2,
    );
  });

  it('ranks agents apart and lists rating comments', async () => {
    const agents = await call(`${rt.api}/reports/agents?${range}`, { token: lead });
    expect(agents.status).toBe(200);
    const flags = Object.fromEntries(
      agents.body.items.map((row: { agent: { id: string }; flag: string | null }) => [
        row.agent.id,
        row.flag,
      ]),
    );
    // Agnes works fastest in the history, Piotr slowest.
    expect(flags).toMatchObject({ 'user-agent': 'best', 'user-agent2': 'weakest' });
    const csat = await call(`${rt.api}/reports/csat?${range}&limit=50`, { token: lead });
    expect(csat.body.items.some((item: { comment: string | null }) => item.comment)).toBe(true);
  });

  it('finds the emerging topic of the last week first', async () => {
    const trends = await call(`${rt.api}/reports/trends?to=${day(now.getTime())}&timeZone=UTC`, {
      token: lead,
    });
    expect(trends.status).toBe(200);
    expect(trends.body.items[0]?.topic).toBe('sso');
    expect(trends.body.items[0]?.examples.length).toBeGreaterThan(0);
  });

  it('is counted once: the live reports consumer leaves it as it is', async () => {
    const before = await overview();
    await rt.drained();
    expect(await overview()).toEqual(before);
  }, 180_000);

  it('is written once per table, and the same seed gives the same history', async () => {
    expect(await openDemoHistory(rt.db, rt.tableName, { tickets: TICKETS, days: DAYS, now })).toBe(0);
    const options = { tickets: 50, days: 10, seed: 7, now };
    expect(generateHistory(options, 1)).toEqual(generateHistory(options, 1));
  });
});
