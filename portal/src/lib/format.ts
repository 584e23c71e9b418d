/** Locale-aware formatting of dates and durations; the time zone is the browser's (the user's). */

/**
 * A date and time for people: the user's locale, and the time zone of their account when it
 * has one (else the browser's), so a Tallinn agent and a Berlin client each read their own clock.
 */
export const formatDateTime = (iso: string | null | undefined, locale: string, timeZone?: string): string => {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, timeZone ? { ...options, timeZone } : options).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, options).format(date);
  }
};

const unitFormat = (locale: string, unit: 'day' | 'hour' | 'minute' | 'second', value: number) =>
  new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'narrow' }).format(value);

/**
 * A compact countdown such as `2d 4h`, `1h 05m` or `42s` in the user's locale (two largest
 * units), for the absolute value of `ms`; the caller says whether it is remaining or overdue.
 */
export const formatCountdown = (ms: number, locale: string): string => {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${unitFormat(locale, 'day', days)} ${unitFormat(locale, 'hour', hours)}`;
  if (hours > 0) return `${unitFormat(locale, 'hour', hours)} ${unitFormat(locale, 'minute', minutes)}`;
  if (minutes > 0) return `${unitFormat(locale, 'minute', minutes)} ${unitFormat(locale, 'second', seconds)}`;
  return unitFormat(locale, 'second', seconds);
};
