import * as z from 'zod';

/** The longest target or timeout a policy may set: a year keeps every calendar walk bounded. */
export const MAX_DURATION_SECONDS = 366 * 24 * 60 * 60;

const number = /* @__PURE__ */ String.raw`(-?\d{1,20}(?:[.,]\d{1,20})?)`;
/** ISO-8601 durations: PnYnMnWnDTnHnMnS, any part may be left out or carry a fraction. */
const isoDuration = new RegExp(
  `^(-)?P(?:${number}Y)?(?:${number}M)?(?:${number}W)?(?:${number}D)?(?:T(?:${number}H)?(?:${number}M)?(?:${number}S)?)?$`,
);
/** Seconds per week, day, hour, minute, second (a day is 24 hours, as for every SLA target). */
const partSeconds = [7 * 86_400, 86_400, 3_600, 60, 1] as const;

const isoSeconds = (text: string): number | string => {
  const match = isoDuration.exec(text);
  if (!match || text.endsWith('T'))
    return `'${text}' is not an ISO-8601 duration (e.g. PT15M, PT4H, P3D) or a number of seconds`;
  const [, negative, years, months, ...parts] = match;
  if (Number(years ?? 0) !== 0 || Number(months ?? 0) !== 0) {
    return `'${text}' uses years or months, which have no fixed length: use weeks, days, hours, minutes or seconds`;
  }
  // Milliseconds first, so that PT0.1M is 6 seconds and not 6.000000000000001.
  const milliseconds = parts.reduce(
    (sum, part, index) =>
      sum + Math.round(Number((part ?? '0').replace(',', '.')) * (partSeconds[index] ?? 0) * 1000),
    0,
  );
  const seconds = (negative ? -milliseconds : milliseconds) / 1000;
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
export const Duration = /* @__PURE__ */ z
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
