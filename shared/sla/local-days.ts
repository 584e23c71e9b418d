/**
 * Local days and wall times in an IANA time zone, on the runtime's own time-zone data (`Intl`).
 * What the SLA calendars need and no more: the local day of an instant, the next day, the
 * weekday, and the instant of a wall time on a day. (luxon did this before; it was 70 KB of
 * every function bundle, docs/performance.md.)
 */

/** A calendar day, as written in the zone's own calendar. */
export interface LocalDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const MINUTE = 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterOf = (zone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
};

/** Whether the runtime knows the zone (e.g. `Europe/Tallinn`, `UTC`). */
export const isTimeZone = (zone: string): boolean => {
  if (!zone) return false;
  try {
    formatterOf(zone);
    return true;
  } catch {
    return false;
  }
};

/** Whether `YYYY-MM-DD` names a day of the Gregorian calendar (no 30 February). */
export const isLocalDate = (text: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** The zone's wall clock at `ms`, read as if it were UTC (epoch ms). */
const wallClockAt = (zone: string, ms: number): number => {
  const parts: Record<string, number> = {};
  for (const part of formatterOf(zone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
};

/** The zone's offset from UTC at the instant `ms`, in minutes (Berlin in winter: 60). */
const offsetAt = (zone: string, ms: number): number => {
  const wholeSecond = ms - (((ms % 1000) + 1000) % 1000);
  return (wallClockAt(zone, wholeSecond) - wholeSecond) / MINUTE;
};

/** The local day the instant `ms` falls on in the zone. */
export const localDayOf = (zone: string, ms: number): LocalDay => {
  const wall = new Date(wallClockAt(zone, ms));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
};

/** The day after `day`. */
export const nextDay = (day: LocalDay): LocalDay => {
  const next = new Date(Date.UTC(day.year, day.month - 1, day.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
};

/** 1 for Monday … 7 for Sunday (ISO 8601). */
export const isoWeekdayOf = (day: LocalDay): number =>
  ((new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() + 6) % 7) + 1;

/** `YYYY-MM-DD`. */
export const isoDateOf = (day: LocalDay): string =>
  `${String(day.year).padStart(4, '0')}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;

/**
 * The instant the zone's clocks show `minutes` after midnight of `day`. A wall time the clocks
 * skip (spring forward) moves forward with them (02:30 → 03:30); one they show twice (fall
 * back) is its first occurrence.
 */
export const instantOf = (zone: string, day: LocalDay, minutes = 0): number => {
  const wall = Date.UTC(day.year, day.month - 1, day.day, 0, minutes);
  // The offset at the wall time read as UTC is a guess; correct it once, twice at a transition.
  const guess = offsetAt(zone, wall);
  const first = wall - guess * MINUTE;
  const atFirst = offsetAt(zone, first);
  if (atFirst === guess) return earliest(zone, wall, first, guess);
  const second = wall - atFirst * MINUTE;
  const atSecond = offsetAt(zone, second);
  if (atSecond === atFirst) return earliest(zone, wall, second, atFirst);
  // In the gap of a spring forward: read the wall time at the offset before the change.
  return wall - Math.min(atFirst, atSecond) * MINUTE;
};

/** Of the instants showing `wall`, the first (an hour the clocks fall back repeats). */
const earliest = (zone: string, wall: number, found: number, offset: number): number => {
  for (const other of new Set([
    offsetAt(zone, found - 3 * 60 * MINUTE),
    offsetAt(zone, found + 3 * 60 * MINUTE),
  ])) {
    if (other <= offset) continue;
    const candidate = wall - other * MINUTE;
    if (candidate < found && offsetAt(zone, candidate) === other) return candidate;
  }
  return found;
};
