import * as z from 'zod';
import type { Caller } from '#identity/caller.js';
import { Forbidden, Invalid, NotFound, PreconditionFailed } from '#platform/errors.js';
import type { Clock } from '#platform/ports.js';
import { parseNamingFields } from '#platform/validation.js';
import { authorOf } from '#tickets/ticket.js';
import { aroundTheClock, DEFAULT_CALENDAR_ID, SlaCalendar } from '../calendar.js';
import type { SlaConfigCache } from '../configuration.js';
import type { CalendarStore, VersionedCalendar } from '../ports.js';

export interface CalendarDeps {
  calendars: CalendarStore;
  cache: SlaConfigCache;
  clock: Clock;
}

/** The PUT body: the calendar as the engine stores it, its id taken from the path. */
export const CalendarBody = SlaCalendar.omit({ id: true }).meta({ id: 'SlaCalendarBody' });

export const CalendarPathParams = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'A calendar id is 1–40 lowercase letters, digits, - or _'),
});

const builtIn: VersionedCalendar = { calendar: aroundTheClock, version: 0 };

/** Every calendar a policy may name: the built-in 24×7 first, then the stored ones. */
export const listCalendars = async (deps: CalendarDeps): Promise<VersionedCalendar[]> => [
  builtIn,
  ...(await deps.calendars.listCalendars()),
];

export const getCalendar = async (deps: CalendarDeps, id: string): Promise<VersionedCalendar> => {
  if (id === DEFAULT_CALENDAR_ID) return builtIn;
  const found = await deps.calendars.getCalendar(id);
  if (!found) throw new NotFound(`No calendar '${id}'`);
  return found;
};

/**
 * Creates or replaces a calendar (admins). Overlapping or unordered shifts, an unknown time
 * zone, a malformed holiday: a 400 naming the field (`weeklyHours.monday.1.from`). A stale
 * If-Match is a 412. Each save is audited; the saving container's SLA configuration reloads at
 * once, the others within their cache period. The built-in 24×7 cannot be changed.
 */
export const putCalendar = async (
  deps: CalendarDeps,
  caller: Caller,
  id: string,
  body: unknown,
  ifMatch?: number,
): Promise<VersionedCalendar> => {
  if (caller.kind !== 'user' || caller.role !== 'admin') throw new Forbidden('Only admins change calendars');
  if (id === DEFAULT_CALENDAR_ID) throw new Invalid(`The calendar '${id}' is built in and cannot be changed`);
  const parsed = parseNamingFields(CalendarBody, body, 'The calendar is invalid');
  const current = await deps.calendars.getCalendar(id);
  const currentVersion = current?.version ?? 0;
  if (ifMatch !== undefined && ifMatch !== currentVersion)
    throw new PreconditionFailed(
      `The calendar is at version ${currentVersion}, not ${ifMatch}: someone saved it since you read it. Reload and retry.`,
    );
  const calendar: SlaCalendar = { id, ...parsed };
  const version = await deps.calendars.putCalendar({
    calendar,
    previous: current?.calendar ?? null,
    expectedVersion: current ? current.version : null,
    actor: authorOf(caller),
    at: deps.clock.now().toISOString(),
  });
  deps.cache.invalidate();
  return { calendar, version };
};
