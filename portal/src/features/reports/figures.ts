import type { ReportParams } from '../../api/types.js';

/** A duration in seconds in the largest unit that keeps it readable: 45 min, 3.5 h, 2.1 d. */
export const formatDuration = (seconds: number | null, locale: string, none: string): string => {
  if (seconds === null || !Number.isFinite(seconds)) return none;
  const [value, unit] =
    seconds < 3600
      ? [seconds / 60, 'minute']
      : seconds < 2 * 86_400
        ? [seconds / 3600, 'hour']
        : [seconds / 86_400, 'day'];
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(value);
};

/** A share 0…1 as a percentage; none when nothing was settled. */
export const formatShare = (share: number | null, locale: string, none: string): string =>
  share === null
    ? none
    : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);

export const formatNumber = (value: number | null, locale: string, none: string, digits = 0): string =>
  value === null ? none : new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);

/** `YYYY-MM-DD` of an instant in a time zone (the browser's when none is given). */
export const localDate = (instant: Date, timeZone?: string): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);

/** The last 30 days up to today, the page's first range. */
export const defaultRange = (now: Date, timeZone?: string): { from: string; to: string } => ({
  from: localDate(new Date(now.getTime() - 29 * 86_400_000), timeZone),
  to: localDate(now, timeZone),
});

/** The filters as the API takes them: empty choices left out; an agent always reads `agent=me`. */
export const reportQuery = (filters: ReportParams, ownFigures: boolean): ReportParams => {
  const query: ReportParams = {};
  for (const [key, value] of Object.entries(filters) as [keyof ReportParams, string | undefined][])
    if (value) query[key] = value;
  if (ownFigures) query.agent = 'me';
  return query;
};

/** Rows sorted by one column, nulls last whichever the direction. */
export const sortRows = <T>(
  rows: readonly T[],
  value: (row: T) => number | string | null,
  descending: boolean,
): T[] =>
  [...rows].sort((a, b) => {
    const left = value(a);
    const right = value(b);
    if (left === right) return 0;
    if (left === null) return 1;
    if (right === null) return -1;
    const order = left < right ? -1 : 1;
    return descending ? -order : order;
  });

/** The filters a report's address carries, in this order (a shared link shows the same report). */
export const reportFilterKeys = [
  'from',
  'to',
  'queue',
  'priority',
  'category',
  'orgId',
  'agent',
  'interval',
] as const satisfies readonly (keyof ReportParams)[];

/** The report's filters from the address's query; the range falls back to `fallback`'s. */
export const paramsFromSearch = (search: string, fallback: ReportParams): ReportParams => {
  const query = new URLSearchParams(search);
  const params: ReportParams = { ...fallback };
  for (const key of reportFilterKeys) {
    const value = query.get(key);
    if (value) params[key] = value;
  }
  return params;
};

/** The address query of a report's filters (`?from=…&to=…`), empty choices left out. */
export const searchOfParams = (params: ReportParams): string => {
  const query = new URLSearchParams();
  for (const key of reportFilterKeys) {
    const value = params[key];
    if (value) query.set(key, value);
  }
  const text = query.toString();
  return text ? `?${text}` : '';
};

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The range of the same number of days just before `range` (what a trend compares with). */
export const previousRange = (range: {
  from: string;
  to: string;
}): { from: string; to: string; days: number } => {
  const from = dayNumber(range.from);
  const days = dayNumber(range.to) - from + 1;
  return { from: dateOfDay(from - days), to: dateOfDay(from - 1), days };
};

/** How a count moved against the period before: up, down or flat, and by how much. */
export const trendOf = (
  current: number,
  previous: number,
): { direction: 'up' | 'down' | 'flat'; change: number } => ({
  direction: current > previous ? 'up' : current < previous ? 'down' : 'flat',
  change: Math.abs(current - previous),
});
