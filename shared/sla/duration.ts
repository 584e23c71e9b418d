import { Duration as LuxonDuration } from 'luxon';
import { z } from 'zod';

/** The longest target or timeout a policy may set: a year keeps every calendar walk bounded. */
export const MAX_DURATION_SECONDS = 366 * 24 * 60 * 60;

const isoSeconds = (text: string): number | string => {
  const duration = LuxonDuration.fromISO(text);
  if (!duration.isValid)
    return `'${text}' is not an ISO-8601 duration (e.g. PT15M, PT4H, P3D) or a number of seconds`;
  if (duration.years !== 0 || duration.months !== 0) {
    return `'${text}' uses years or months, which have no fixed length: use weeks, days, hours, minutes or seconds`;
  }
  const seconds = duration.as('seconds');
  if (!Number.isInteger(seconds))
    return `'${text}' has a fraction of a second: durations go down to whole seconds`;
  return seconds;
};

const check = (value: string | number): number | string => {
  const seconds = typeof value === 'number' ? value : isoSeconds(value);
  if (typeof seconds === 'string') return seconds;
  if (!Number.isInteger(seconds)) return 'A duration in seconds must be a whole number';
  if (seconds < 1) return 'A duration must be at least one second';
  if (seconds > MAX_DURATION_SECONDS) return 'A duration must be at most 366 days';
  return seconds;
};

/**
 * A duration as the policy document carries it: an ISO-8601 duration (`PT15M`, `P3D`) or a
 * whole number of seconds. It is kept as written, so a GET returns what the admin PUT;
 * `durationSeconds` reads it.
 */
export const Duration = z
  .union([z.string().trim().min(1).max(40), z.number()])
  .superRefine((value, ctx) => {
    const result = check(value);
    if (typeof result === 'string') ctx.addIssue({ code: 'custom', message: result });
  })
  .meta({
    id: 'Duration',
    description: 'An ISO-8601 duration (PT15M, PT4H, P3D; no years or months) or a whole number of seconds',
    examples: ['PT15M', 90],
  });
export type Duration = z.infer<typeof Duration>;

/** The length of a validated duration in seconds. */
export const durationSeconds = (value: Duration): number => {
  const result = check(value);
  if (typeof result === 'string') throw new Error(result);
  return result;
};
