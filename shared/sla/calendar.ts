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
} from './local-days.js';

/**
 * Business calendars: when SLA clocks run. Wall-clock hours are read in the calendar's own
 * time zone (`local-days.ts`), so a shift of 09:00–17:00 stays 09:00–17:00 local on both sides of a
 * daylight-saving change, and a day that loses or gains an hour has 23 or 25 hours.
 * Business time is real elapsed time inside open hours, counted in milliseconds.
 */

const LocalTime = /* @__PURE__ */ z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'A time of day is HH:mm, from 00:00 to 24:00');

const minutesOf = (time: string): number => {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

export const Shift = /* @__PURE__ */ z
  .strictObject({ from: LocalTime, to: LocalTime })
  .refine((shift) => minutesOf(shift.from) < minutesOf(shift.to), {
    path: ['to'],
    message: 'A shift must end after it starts (use 24:00 for midnight)',
  })
  .meta({ id: 'Shift', description: 'Open hours within one day, local time: from inclusive, to exclusive' });
export type Shift = z.infer<typeof Shift>;

const DayShifts = /* @__PURE__ */ z
  .array(Shift)
  .max(8, 'At most 8 shifts a day')
  .default([])
  .superRefine((shifts, ctx) => {
    for (let i = 1; i < shifts.length; i++) {
      const before = shifts[i - 1];
      const shift = shifts[i];
      if (before && shift && minutesOf(shift.from) < minutesOf(before.to)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'from'],
          message: 'Shifts of a day must be in order and must not overlap',
        });
      }
    }
  });

export const weekdays = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof weekdays)[number];

export const WeeklyHours = /* @__PURE__ */ z
  .strictObject({
    monday: DayShifts,
    tuesday: DayShifts,
    wednesday: DayShifts,
    thursday: DayShifts,
    friday: DayShifts,
    saturday: DayShifts,
    sunday: DayShifts,
  })
  .refine((week) => weekdays.some((day) => week[day].length > 0), {
    message: 'Business hours need at least one shift in the week',
  })
  .meta({ id: 'WeeklyHours', description: 'Open hours per weekday; split shifts allowed' });
export type WeeklyHours = z.infer<typeof WeeklyHours>;

const LocalDate = /* @__PURE__ */ z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A holiday is a date YYYY-MM-DD')
  .refine(isLocalDate, 'Not a calendar date');

export const TimeZone = /* @__PURE__ */ z
  .string()
  .refine(isTimeZone, 'Not an IANA time zone (e.g. Europe/Tallinn, UTC)');

export const SlaCalendar = /* @__PURE__ */ z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'A calendar id is 1–40 lowercase letters, digits, - or _'),
    name: z.string().trim().min(1).max(100),
    timeZone: TimeZone.default('UTC'),
    weeklyHours: WeeklyHours.nullable().default(null).meta({ description: 'null: around the clock (24×7)' }),
    holidays: z
      .array(LocalDate)
      .max(1000)
      .default([])
      .meta({ description: 'Whole local days on which the clocks do not run' }),
  })
  .meta({ id: 'SlaCalendar' });
export type SlaCalendar = z.infer<typeof SlaCalendar>;

export const DEFAULT_CALENDAR_ID = '24x7';

export const aroundTheClock: SlaCalendar = {
  id: DEFAULT_CALENDAR_ID,
  name: 'Around the clock',
  timeZone: 'UTC',
  weeklyHours: null,
  holidays: [],
};

/** Enough days to walk a year-long target through a calendar open one day a week, with holidays. */
const MAX_DAYS_WALKED = 20 * 366;

type Interval = readonly [start: number, end: number];

/** Business-time arithmetic over one calendar. Build it once per calendar with `calendarTime`. */
export interface CalendarTime {
  readonly calendar: SlaCalendar;
  /** The instant `ms` milliseconds of business time after `start`. */
  addBusinessTime(start: Date, ms: number): Date;
  /** Milliseconds of business time between `from` and `to` (0 when `to` is not after `from`). */
  businessTimeBetween(from: Date, to: Date): number;
}

class WalkingCalendar implements CalendarTime {
  private readonly holidays: Set<string>;
  private readonly aroundTheClock: boolean;

  constructor(readonly calendar: SlaCalendar) {
    this.holidays = new Set(calendar.holidays);
    this.aroundTheClock = calendar.weeklyHours === null && calendar.holidays.length === 0;
  }

  /** Open intervals (epoch ms) of one local day, in order. */
  private openOn(day: LocalDay): Interval[] {
    if (this.holidays.has(isoDateOf(day))) return [];
    const zone = this.calendar.timeZone;
    const dayEnd = instantOf(zone, nextDay(day));
    const week = this.calendar.weeklyHours;
    if (!week) return [[instantOf(zone, day), dayEnd]];
    const shifts = week[weekdays[isoWeekdayOf(day) - 1] ?? 'monday'];
    // A wall time that does not exist (spring forward) moves forward with the clocks.
    const at = (time: string): number => (time === '24:00' ? dayEnd : instantOf(zone, day, minutesOf(time)));
    return shifts.map((shift): Interval => [at(shift.from), at(shift.to)]).filter(([from, to]) => from < to);
  }

  /** The local days from the one `from` falls on, each with the instant it starts. */
  private *days(from: number): Generator<{ day: LocalDay; start: number }> {
    let day = localDayOf(this.calendar.timeZone, from);
    for (let i = 0; i < MAX_DAYS_WALKED; i++) {
      yield { day, start: instantOf(this.calendar.timeZone, day) };
      day = nextDay(day);
    }
    throw new Error(`Calendar ${this.calendar.id} has no open hours within ${MAX_DAYS_WALKED} days`);
  }

  addBusinessTime(start: Date, ms: number): Date {
    const from = start.getTime();
    if (this.aroundTheClock) return new Date(from + Math.max(0, ms));
    let remaining = Math.max(0, ms);
    for (const { day } of this.days(from)) {
      for (const [open, close] of this.openOn(day)) {
        if (close <= from) continue;
        const begin = Math.max(open, from);
        if (remaining <= close - begin) return new Date(begin + remaining);
        remaining -= close - begin;
      }
    }
    throw new Error('unreachable');
  }

  businessTimeBetween(from: Date, to: Date): number {
    const start = from.getTime();
    const end = to.getTime();
    if (end <= start) return 0;
    if (this.aroundTheClock) return end - start;
    let total = 0;
    for (const { day, start: dayStart } of this.days(start)) {
      if (dayStart >= end) return total;
      for (const [open, close] of this.openOn(day)) {
        const begin = Math.max(open, start);
        const finish = Math.min(close, end);
        if (finish > begin) total += finish - begin;
      }
    }
    throw new Error('unreachable');
  }
}

const built = new WeakMap<SlaCalendar, CalendarTime>();

export const calendarTime = (calendar: SlaCalendar): CalendarTime => {
  let time = built.get(calendar);
  if (!time) {
    time = new WalkingCalendar(calendar);
    built.set(calendar, time);
  }
  return time;
};
