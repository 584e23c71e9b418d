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
