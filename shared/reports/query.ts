import * as z from 'zod';
import {
  instantOf,
  isLocalDate,
  isoDateOf,
  isoWeekdayOf,
  isTimeZone,
  type LocalDay,
  localDayOf,
  nextDay,
} from '#sla/local-days.js';
import { OrgId, Priority, QueueId } from '#tickets/schemas.js';
import { type Level, periodEnd, periodOf, periodStart } from './cells.js';

export const MAX_RANGE_DAYS = 366;
export const intervals = ['day', 'week', 'month'] as const;
export type Interval = (typeof intervals)[number];

const LocalDate = (what: string) => z.string().refine(isLocalDate, `${what} must be a date, YYYY-MM-DD`);

/** The query every report takes (docs/reports.md); each route adds its own fields. */
export const reportFilters = {
  from: LocalDate('from')
    .optional()
    .meta({ description: 'First day (in timeZone), YYYY-MM-DD; default 29 days before `to`' }),
  to: LocalDate('to').optional().meta({ description: 'Last day, included; default today' }),
  timeZone: z
    .string()
    .refine(isTimeZone, 'Not an IANA time zone (e.g. Europe/Tallinn, UTC)')
    .optional()
    .meta({ description: "IANA time zone of the days; default the caller's" }),
  queue: QueueId.optional(),
  priority: Priority.optional(),
  category: z.string().trim().min(1).max(60).optional(),
  orgId: OrgId.optional(),
  agent: z
    .string()
    .min(1)
    .max(128)
    .optional()
    .meta({ description: "A user id, or 'me' (the only value an agent may give)" }),
  interval: z
    .enum(intervals)
    .optional()
    .meta({ description: 'Series points: day (default up to 62 days), week (up to 183), month' }),
};

const DAY_MS = 86_400_000;

const dayOf = (text: string): LocalDay => {
  const [year = 1970, month = 1, day = 1] = text.split('-').map(Number);
  return { year, month, day };
};

/** `to` not before `from`, at most 366 days: refined on the parsed query so the field is named. */
export const checkRange = (
  query: { from?: string | undefined; to?: string | undefined },
  ctx: z.RefinementCtx,
) => {
  if (!query.from || !query.to) return;
  const days = (Date.parse(`${query.to}T00:00:00Z`) - Date.parse(`${query.from}T00:00:00Z`)) / DAY_MS + 1;
  if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
  else if (days > MAX_RANGE_DAYS)
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `The range may span at most ${MAX_RANGE_DAYS} days`,
    });
};

export interface ReportFilters {
  orgId?: string | undefined;
  queue?: string | undefined;
  priority?: string | undefined;
  category?: string | undefined;
  /** A user id (`me` already resolved). */
  agent?: string | undefined;
}

/** A resolved report range: local days in a zone, as UTC instants. */
export interface ReportRange {
  from: string;
  to: string;
  timeZone: string;
  interval: Interval;
  /** Inclusive start, exclusive end (epoch ms, floored to the hour). */
  startMs: number;
  endMs: number;
}

const HOUR_MS = 3_600_000;
const floorHour = (ms: number) => ms - (((ms % HOUR_MS) + HOUR_MS) % HOUR_MS);

export const resolveRange = (
  query: { from?: string | undefined; to?: string | undefined; interval?: Interval | undefined },
  timeZone: string,
  now: Date,
): ReportRange => {
  const to = query.to ?? isoDateOf(localDayOf(timeZone, now.getTime()));
  const from = query.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS).toISOString().slice(0, 10);
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  const interval = query.interval ?? (days <= 62 ? 'day' : days <= 183 ? 'week' : 'month');
  return {
    from,
    to,
    timeZone,
    interval,
    startMs: floorHour(instantOf(timeZone, dayOf(from))),
    endMs: floorHour(instantOf(timeZone, nextDay(dayOf(to)))),
  };
};

/** One Query: a level's periods `fromPeriod`…`toPeriod` (inclusive) within one partition. */
export interface PeriodRange {
  level: Level;
  fromPeriod: string;
  toPeriod: string;
}

const floorDay = (ms: number) => ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
const floorMonth = (ms: number) => {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
};
const ceilMonth = (ms: number) => {
  const floor = floorMonth(ms);
  if (floor === ms) return ms;
  const date = new Date(floor);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
};
const iso = (ms: number) => new Date(ms).toISOString();

/** Where a cell counts: in the range's figures, only in the backlog carried into it, or not at all. */
export type CellRole = 'range' | 'baseline' | 'ignore';

/**
 * What a report reads for a range (docs/reports.md, "Reading"): whole months (interval month
 * only; the months before the range only for the backlog carried in), whole UTC days, and the
 * hours of the two days the range's edges cut in a zone with an offset. About 2 Queries for a
 * day-interval range in one year in UTC, at most 5 otherwise.
 */
export const readPlan = (range: ReportRange) => {
  const { startMs, endMs } = range;
  const firstDay = floorDay(startMs);
  const startCut = startMs !== firstDay;
  const lastDay = floorDay(endMs);
  const endCut = endMs !== lastDay;
  const daysFrom = startCut ? firstDay + DAY_MS : startMs;
  const useMonths = range.interval === 'month';
  const monthsFrom = ceilMonth(daysFrom);
  const monthsTo = floorMonth(lastDay);
  const hasMonths = useMonths && monthsFrom < monthsTo;
  const baselineMonthEnd = floorMonth(firstDay);

  const ranges: PeriodRange[] = [];
  const lastMonth = hasMonths ? monthsTo - 1 : baselineMonthEnd - 1;
  ranges.push({ level: 'month', fromPeriod: '0000-00', toPeriod: periodOf('month', iso(lastMonth)) });
  const dayRange = (fromMs: number, toMs: number) => {
    // One Query per calendar year (the day partition).
    for (let at = fromMs; at < toMs; ) {
      const yearEnd = Date.UTC(new Date(at).getUTCFullYear() + 1, 0, 1);
      const stop = Math.min(toMs, yearEnd);
      ranges.push({
        level: 'day',
        fromPeriod: periodOf('day', iso(at)),
        toPeriod: periodOf('day', iso(stop - DAY_MS)),
      });
      at = stop;
    }
  };
  if (hasMonths) {
    dayRange(baselineMonthEnd, monthsFrom);
    dayRange(monthsTo, lastDay + (endCut ? DAY_MS : 0));
  } else {
    dayRange(baselineMonthEnd, lastDay + (endCut ? DAY_MS : 0));
  }
  if (startCut)
    ranges.push({
      level: 'hour',
      fromPeriod: periodOf('hour', iso(firstDay)),
      toPeriod: periodOf('hour', iso(firstDay + DAY_MS - HOUR_MS)),
    });
  if (endCut)
    ranges.push({
      level: 'hour',
      fromPeriod: periodOf('hour', iso(lastDay)),
      toPeriod: periodOf('hour', iso(lastDay + DAY_MS - HOUR_MS)),
    });

  const roleOf = (level: Level, period: string): CellRole => {
    const start = periodStart(period);
    const end = periodEnd(period);
    if (start >= endMs) return 'ignore';
    if (level === 'hour') return end <= startMs ? 'baseline' : 'range';
    if (level === 'day') {
      if ((startCut && start === firstDay) || (endCut && start === lastDay)) return 'ignore';
      if (end <= startMs) return 'baseline';
      if (hasMonths && start >= monthsFrom && end <= monthsTo) return 'ignore';
      return 'range';
    }
    if (end <= baselineMonthEnd) return 'baseline';
    if (hasMonths && start >= monthsFrom && end <= monthsTo) return 'range';
    return 'ignore';
  };
  return { ranges, roleOf };
};

/** The series points of a range: local dates each bucket starts on. */
export const seriesStarts = (range: ReportRange): string[] => {
  const starts: string[] = [];
  let day = dayOf(range.from);
  const last = range.to;
  let current = '';
  while (isoDateOf(day) <= last) {
    const key = bucketOfDay(day, range.interval);
    if (key !== current) {
      starts.push(isoDateOf(day));
      current = key;
    }
    day = nextDay(day);
  }
  return starts;
};

const bucketOfDay = (day: LocalDay, interval: Interval): string => {
  if (interval === 'day') return isoDateOf(day);
  if (interval === 'month') return isoDateOf(day).slice(0, 7);
  const monday = new Date(Date.UTC(day.year, day.month - 1, day.day - (isoWeekdayOf(day) - 1)));
  return monday.toISOString().slice(0, 10);
};

/**
 * The series point a cell belongs to: the bucket of the local day at the cell's start (an hour)
 * or middle (a UTC day or month, so a zone's offset moves no whole day into its neighbour).
 */
export const seriesIndexOf = (range: ReportRange, starts: readonly string[]) => {
  const keys = starts.map((start) => bucketOfDay(dayOf(start), range.interval));
  const index = new Map(keys.map((key, i) => [key, i]));
  return (level: Level, period: string): number => {
    const instant = level === 'hour' ? periodStart(period) : (periodStart(period) + periodEnd(period)) / 2;
    const clamped = Math.min(Math.max(instant, range.startMs), range.endMs - 1);
    const key = bucketOfDay(localDayOf(range.timeZone, clamped), range.interval);
    return index.get(key) ?? (key < (keys[0] ?? '') ? 0 : keys.length - 1);
  };
};
