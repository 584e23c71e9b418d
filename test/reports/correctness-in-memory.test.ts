import { beforeAll, describe, expect, it } from 'vitest';
import type { StreamChange } from '#platform/stream.js';
import { systemClock } from '#platform/system.js';
import { businessSecondsUnder } from '#reports/business-time.js';
import { type ReportFilters, resolveRange } from '#reports/query.js';
import { readAgents } from '#reports/use-cases/agents.js';
import { readOverview } from '#reports/use-cases/overview.js';
import { type RecordDeps, recordStreamChange } from '#reports/use-cases/record-change.js';
import { aroundTheClock, calendarTime } from '#sla/calendar.js';
import { feedbackItem, ticketItem } from '#tickets/adapters/ticket-items.js';
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
import { MemoryReportStore } from './memory-report-store.js';
import { generateTimelines, type Timeline } from './timelines.js';

/**
 * The issue's correctness check at scale (docs/reports.md, "Tests"): thousands of generated tickets,
 * every ticket write and rating as the stream delivers it (the ticket item before and after),
 * through the consumer's use case (`recordStreamChange`: the fact, the contributions, which
 * cells they add to) and the reports' use cases (`readOverview`, `readAgents`: the read plan, the
 * roll-up chosen, the figures), against the brute force. Only the store is in memory (./memory-
 * report-store.ts: it keeps the cells the domain names); test/reports/correctness.test.ts runs
 * the same comparison through DynamoDB Local and the API at a size CI can feed.
 * REPORTS_MEMORY_TICKETS sets the size: the issue's 10,000 by default (about 30 s of CPU: 81 s
 * of wall time at load average 10, docs/reports.md); a smaller number for a quick local run.
 */
const TICKETS = Number(process.env.REPORTS_MEMORY_TICKETS ?? 10_000);
const from = '2026-06-01';
const to = '2026-08-29';
const utc: Window = { start: Date.parse(`${from}T00:00:00Z`), end: Date.parse(`${to}T00:00:00Z`) + DAY };

const store = new MemoryReportStore();
const deps: RecordDeps = {
  store,
  businessTimeOf: async () => businessSecondsUnder(calendarTime(aroundTheClock)),
};
const reportDeps = { store, clock: systemClock };
let timelines: Timeline[];
let changes: StreamChange[];

const feed = async () => {
  for (const change of changes) await recordStreamChange(deps, change);
};

beforeAll(async () => {
  timelines = generateTimelines(TICKETS, { seed: 4242, from: utc.start - 12 * DAY, days: 105 });
  let sequence = 0;
  const next = () => String(++sequence).padStart(21, '0');
  changes = timelines.flatMap((timeline): StreamChange[] => [
    ...timeline.writes.map(
      ({ before, after }): StreamChange => ({
        eventName: before ? 'MODIFY' : 'INSERT',
        sequence: next(),
        newImage: ticketItem(after),
        oldImage: before ? ticketItem(before) : null,
      }),
    ),
    ...(timeline.feedback
      ? [
          {
            eventName: 'INSERT' as const,
            sequence: next(),
            newImage: feedbackItem(timeline.ticket.id, timeline.feedback),
            oldImage: null,
          },
        ]
      : []),
  ]);
  await feed();
}, 240_000);

const overview = (filters: ReportFilters, timeZone = 'UTC') =>
  readOverview(reportDeps, resolveRange({ from, to, interval: 'day' }, timeZone, new Date()), filters);

describe(`reports against a brute-force computation, ${TICKETS} tickets in memory`, () => {
  it('matches every overview figure, unfiltered', async () => {
    expect(timelines).toHaveLength(TICKETS);
    compareOverview(await overview({}), timelines, utc);
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
          await overview({ [name]: value }),
          timelines.filter((t) => of(t) === value),
          utc,
        );
      }
    }
    for (const agent of valuesOf(timelines, (t) => t.agent?.id ?? null))
      compareOverview(await overview({ agent }), timelines, utc, assignedTo(agent));
  });

  it('matches with two filters together (the detail cells)', async () => {
    compareOverview(
      await overview({ orgId: 'acme', priority: 'high' }),
      timelines.filter((t) => t.orgId === 'acme' && t.ticket.priority === 'high'),
      utc,
    );
    compareOverview(
      await overview({ orgId: 'globex', agent: 'user-agent2' }),
      timelines.filter((t) => t.orgId === 'globex'),
      utc,
      assignedTo('user-agent2'),
    );
  });

  it('matches with a filter in a zone with an offset (days rolled up, the edge hours in detail)', async () => {
    const berlin = {
      start: Date.parse(`${from}T00:00:00+02:00`),
      end: Date.parse(`${to}T00:00:00+02:00`) + DAY,
    };
    compareFigures(
      await overview({ queue: 'billing' }, 'Europe/Berlin'),
      bruteForce(
        timelines.filter((t) => t.ticket.queue === 'billing'),
        berlin,
        always,
      ),
    );
  });

  it('matches the agents report: every figure per agent, ranked', async () => {
    const range = resolveRange({ from, to }, 'UTC', new Date());
    compareAgents(await readAgents(reportDeps, range, {}, 1), timelines, utc);
  });

  it('ranks only the agents with at least minTickets resolved: best first, weakest last', async () => {
    const range = resolveRange({ from, to }, 'UTC', new Date());
    const all = await readAgents(reportDeps, range, {}, 1);
    const resolved = all.map((row) => row.resolved).sort((a, b) => a - b);
    // A threshold that leaves the agent with the fewest resolved out.
    const minTickets = (resolved[0] ?? 0) + 1;
    expect(resolved[1] ?? 0).toBeGreaterThanOrEqual(minTickets);
    const rows = await readAgents(reportDeps, range, {}, minTickets);
    const ranked = rows.filter((row) => row.rank !== null);
    expect(rows.filter((row) => row.resolved < minTickets).map((row) => [row.rank, row.flag])).toEqual([
      [null, null],
    ]);
    expect(ranked.map((row) => row.rank)).toEqual(ranked.map((_, i) => i + 1));
    expect(ranked.every((row) => row.resolved >= minTickets)).toBe(true);
    expect(ranked[0]?.flag).toBe('best');
    expect(ranked.at(-1)?.flag).toBe('weakest');
    // The order (docs/reports.md): SLA compliance first, then the CSAT average.
    for (let i = 1; i < ranked.length; i++) {
      const [better, worse] = [ranked[i - 1], ranked[i]];
      expect(better?.slaCompliance ?? -1).toBeGreaterThanOrEqual(worse?.slaCompliance ?? -1);
      if (better?.slaCompliance === worse?.slaCompliance)
        expect(better?.csatAverage ?? -1).toBeGreaterThanOrEqual(worse?.csatAverage ?? -1);
    }
  });

  it('changes nothing when every stream record comes again', async () => {
    const before = await overview({});
    const agents = await readAgents(reportDeps, resolveRange({ from, to }, 'UTC', new Date()), {}, 1);
    const writes = store.writes;
    await feed();
    expect(store.writes).toBe(writes);
    expect(await overview({})).toEqual(before);
    expect(await readAgents(reportDeps, resolveRange({ from, to }, 'UTC', new Date()), {}, 1)).toEqual(
      agents,
    );
  });
});
