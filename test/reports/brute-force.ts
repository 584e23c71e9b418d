import { expect } from 'vitest';
import { bucketOf } from '#reports/histogram.js';
import type { AgentRow, Overview } from '#reports/schemas.js';
import type { BusinessSeconds } from '#reports/ticket-fact.js';
import type { Timeline } from './timelines.js';

/**
 * The brute force the report correctness tests compare with (correctness.test.ts through the
 * API and DynamoDB Local, correctness-in-memory.test.ts at the size): every figure
 * computed straight from the generated timelines, what happened when.
 */
export const DAY = 86_400_000;

/** A report window: instants, inclusive start and exclusive end. */
export interface Window {
  start: number;
  end: number;
}
export const within =
  (window: Window) =>
  (at: number | null | undefined): at is number =>
    at !== null && at !== undefined && at >= window.start && at < window.end;
/** Nearest-rank percentile of exact durations (seconds). */
export const exactPercentile = (values: number[], p: number): number | null => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1] ?? null;
};

export const expectSameBucket = (reported: number | null, exact: number | null) => {
  if (exact === null) return expect(reported).toBeNull();
  expect(reported).not.toBeNull();
  expect(Math.abs(bucketOf(reported ?? 0) - bucketOf(exact))).toBeLessThanOrEqual(1);
};

export const isActive = (status: string | null) =>
  status !== null && ['new', 'open', 'answered', 'pending', 'on_hold', 'postponed'].includes(status);

/**
 * Whether what happened to a ticket at an instant counts under the report's filter. Reports count
 * a change under the ticket's dimensions after it (docs/reports.md, "Attribution"): a generated
 * ticket keeps its organisation, queue, priority and category, and is assigned to its agent with
 * the first response.
 */
export type Counts = (t: Timeline, at: number) => boolean;
export const always: Counts = () => true;
export const assignedTo =
  (agent: string): Counts =>
  (t, at) =>
    t.agent?.id === agent && t.respondedAt !== null && at >= t.respondedAt;

/** The backlog a ticket adds under the filter by an instant: every change into or out of the active set. */
export const backlogOf = (t: Timeline, at: number, counts: Counts): number => {
  let backlog = 0;
  let previous: string | null = null;
  for (const entry of t.statusAt) {
    if (entry.at >= at) break;
    const change = Number(isActive(entry.status)) - Number(isActive(previous));
    if (change !== 0 && counts(t, entry.at)) backlog += change;
    previous = entry.status;
  }
  return backlog;
};

export const ratio = (part: number, whole: number) =>
  whole ? Math.round((part / whole) * 10_000) / 10_000 : null;

/**
 * Business seconds from a ticket's creation to an instant, under the calendar the test's consumer
 * used; kept per calendar and ticket, since every filtered comparison asks again.
 */
const businessKnown = new WeakMap<BusinessSeconds, Map<string, number>>();
const businessSince = (business: BusinessSeconds, t: Timeline, at: number) => {
  const known = businessKnown.get(business) ?? new Map<string, number>();
  businessKnown.set(business, known);
  const key = `${t.ticket.id}@${at}`;
  const seconds =
    known.get(key) ?? Math.round(business(new Date(t.createdAt).toISOString(), new Date(at).toISOString()));
  known.set(key, seconds);
  return seconds;
};

export const bruteForce = (
  selected: readonly Timeline[],
  window: Window,
  counts: Counts = always,
  business: BusinessSeconds | null = null,
) => {
  const inWindow = within(window);
  const counted = (t: Timeline, at: number | null | undefined): at is number => inWindow(at) && counts(t, at);
  const responded = selected.filter((t) => counted(t, t.respondedAt));
  const resolved = selected.filter((t) => counted(t, t.resolvedAt[0]));
  const frt = responded.map((t) => Math.round(((t.respondedAt ?? 0) - t.createdAt) / 1000));
  const res = resolved.map((t) => Math.round(((t.resolvedAt[0] ?? 0) - t.createdAt) / 1000));
  // Business time beside wall time, when the caller knows the calendar (docs/reports.md).
  const frtBusiness = business && responded.map((t) => businessSince(business, t, t.respondedAt ?? 0));
  const resBusiness = business && resolved.map((t) => businessSince(business, t, t.resolvedAt[0] ?? 0));
  const clock = (name: 'timeToOpen' | 'timeToResolve' | 'totalServiceTime') => {
    let met = 0;
    let breached = 0;
    for (const t of selected) {
      if (!t.hasPolicy) continue;
      const breach = t.breaches.find((b) => b.clock === name);
      if (breach) {
        if (counted(t, breach.at)) breached++;
        continue;
      }
      const stop = name === 'timeToOpen' ? t.respondedAt : t.closedAt;
      if (counted(t, stop)) met++;
    }
    return { met, breached, compliance: ratio(met, met + breached) };
  };
  const ratings = selected.filter((t) => counted(t, t.rating?.at)).map((t) => t.rating?.value ?? 0);
  return {
    totals: {
      created: selected.filter((t) => counted(t, t.createdAt)).length,
      firstResponded: frt.length,
      resolved: res.length,
      closed: selected.filter((t) => counted(t, t.closedAt)).length,
      reopened: selected.flatMap((t) => t.reopenedAt.filter((at) => counted(t, at))).length,
      backlog: selected.reduce((sum, t) => sum + backlogOf(t, window.end, counts), 0),
      // Nobody reports a deflection here (test/kb/deflections.test.ts counts them).
      deflections: 0,
    },
    frt,
    res,
    frtBusiness,
    resBusiness,
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

export const avg = (values: number[]) =>
  values.length ? Math.round(values.reduce((a, b) => a + b, 0) / values.length) : null;

/** Totals, durations, SLA and CSAT of a report against the brute force. */
export type BruteForce = ReturnType<typeof bruteForce>;

export const compareFigures = (report: Overview, expected: BruteForce) => {
  expect(report.totals).toEqual(expected.totals);
  expect(report.sla).toEqual(expected.sla);
  expect(report.csat).toEqual(expected.csat);
  expectSameBucket(report.firstResponseTime.p50, exactPercentile(expected.frt, 0.5));
  expectSameBucket(report.firstResponseTime.p90, exactPercentile(expected.frt, 0.9));
  expectSameBucket(report.resolutionTime.p50, exactPercentile(expected.res, 0.5));
  expectSameBucket(report.resolutionTime.p90, exactPercentile(expected.res, 0.9));
  expect(report.firstResponseTime.avgSeconds).toBe(avg(expected.frt));
  expect(report.resolutionTime.avgSeconds).toBe(avg(expected.res));
  for (const [reported, exact] of [
    [report.firstResponseTime.business, expected.frtBusiness],
    [report.resolutionTime.business, expected.resBusiness],
  ] as const) {
    if (!exact) continue;
    expectSameBucket(reported.p50, exactPercentile(exact, 0.5));
    expectSameBucket(reported.p90, exactPercentile(exact, 0.9));
    expect(reported.avgSeconds).toBe(avg(exact));
  }
};

/** Every figure of a UTC day-interval overview, and each day's point of its series. */
export const compareOverview = (
  report: Overview,
  selected: readonly Timeline[],
  window: Window,
  counts: Counts = always,
  business: BusinessSeconds | null = null,
) => {
  compareFigures(report, bruteForce(selected, window, counts, business));
  // The series: one point a day, created and resolved counted on their day, the backlog at each
  // day's end, the first-response times and SLA outcomes of the day. Each ticket is walked once,
  // its events put on their day (a scan of every ticket per day would take minutes at 10,000
  // tickets).
  const days = Math.round((window.end - window.start) / DAY);
  const created = new Array<number>(days).fill(0);
  const resolved = new Array<number>(days).fill(0);
  const backlogChange = new Array<number>(days).fill(0);
  const closed = new Array<number>(days).fill(0);
  const met = new Array<number>(days).fill(0);
  const breached = new Array<number>(days).fill(0);
  const ratings = Array.from({ length: days }, (): number[] => []);
  const frt = Array.from({ length: days }, (): number[] => []);
  let backlog = 0;
  const dayOf = (at: number) => Math.floor((at - window.start) / DAY);
  const add = (list: number[], at: number, by = 1) => {
    list[dayOf(at)] = (list[dayOf(at)] ?? 0) + by;
  };
  for (const t of selected) {
    const firstResolution = t.resolvedAt[0];
    if (within(window)(t.createdAt) && counts(t, t.createdAt)) add(created, t.createdAt);
    if (within(window)(firstResolution) && counts(t, firstResolution)) add(resolved, firstResolution);
    if (within(window)(t.closedAt) && counts(t, t.closedAt)) add(closed, t.closedAt);
    const rated = t.rating;
    if (rated && within(window)(rated.at) && counts(t, rated.at)) ratings[dayOf(rated.at)]?.push(rated.value);
    const responded = t.respondedAt;
    if (within(window)(responded) && counts(t, responded))
      frt[dayOf(responded)]?.push(Math.round((responded - t.createdAt) / 1000));
    for (const clock of t.hasPolicy ? (['timeToOpen', 'timeToResolve', 'totalServiceTime'] as const) : []) {
      // As bruteForce: a clock is breached when it has a breach, else met when it stops.
      const breach = t.breaches.find((b) => b.clock === clock);
      const settled = breach ? breach.at : clock === 'timeToOpen' ? t.respondedAt : t.closedAt;
      if (within(window)(settled) && counts(t, settled)) add(breach ? breached : met, settled);
    }
    let previous: string | null = null;
    for (const entry of t.statusAt) {
      if (entry.at >= window.end) break;
      const change = Number(isActive(entry.status)) - Number(isActive(previous));
      previous = entry.status;
      if (change === 0 || !counts(t, entry.at)) continue;
      if (entry.at < window.start) backlog += change;
      else add(backlogChange, entry.at, change);
    }
  }
  expect(report.series).toHaveLength(days);
  for (const [i, point] of report.series.entries()) {
    backlog += backlogChange[i] ?? 0;
    expect(point.start).toBe(new Date(window.start + i * DAY).toISOString().slice(0, 10));
    expect(point.created).toBe(created[i]);
    expect(point.resolved).toBe(resolved[i]);
    expect(point.backlog).toBe(backlog);
    expectSameBucket(point.firstResponseP50, exactPercentile(frt[i] ?? [], 0.5));
    expectSameBucket(point.firstResponseP90, exactPercentile(frt[i] ?? [], 0.9));
    expect(point.slaCompliance).toBe(ratio(met[i] ?? 0, (met[i] ?? 0) + (breached[i] ?? 0)));
    expect(point.closed).toBe(closed[i]);
    const rated = ratings[i] ?? [];
    expect(point.csatAverage).toBe(
      rated.length ? Math.round((rated.reduce((a, b) => a + b, 0) / rated.length) * 100) / 100 : null,
    );
  }
};

/** The distinct values a dimension takes over the generated tickets. */
export const valuesOf = (timelines: readonly Timeline[], of: (t: Timeline) => string | null) =>
  [...new Set(timelines.map(of))].filter((value): value is string => value !== null).sort();

/** Every figure of the agents report, per agent, and the ranking. */
export const compareAgents = (rows: readonly AgentRow[], timelines: readonly Timeline[], window: Window) => {
  expect(rows.map((row) => row.agent.id).sort()).toEqual(valuesOf(timelines, (t) => t.agent?.id ?? null));
  for (const row of rows) {
    const expected = bruteForce(timelines, window, assignedTo(row.agent.id));
    const { timeToOpen, timeToResolve, totalServiceTime } = expected.sla;
    const clocks = [timeToOpen, timeToResolve, totalServiceTime];
    const met = clocks.reduce((sum, clock) => sum + clock.met, 0);
    const breached = clocks.reduce((sum, clock) => sum + clock.breached, 0);
    // Generated tickets are assigned with their first response.
    expect(row.assigned).toBe(expected.totals.firstResponded);
    expect(row.resolved).toBe(expected.totals.resolved);
    expectSameBucket(row.firstResponseP50, exactPercentile(expected.frt, 0.5));
    expectSameBucket(row.resolutionP50, exactPercentile(expected.res, 0.5));
    expect(row.slaCompliance).toBe(ratio(met, met + breached));
    expect(row.csatAverage).toBe(expected.csat.average);
    expect(row.csatResponses).toBe(expected.csat.responses);
    expect(row.reopenedRate).toBe(ratio(expected.totals.reopened, expected.totals.resolved));
  }
  expect(rows.filter((row) => row.flag === 'best')).toHaveLength(1);
  expect(rows.filter((row) => row.flag === 'weakest')).toHaveLength(1);
  expect(rows[0]?.flag).toBe('best');
  expect(rows.map((row) => row.rank)).toEqual(rows.map((_, i) => i + 1));
};
