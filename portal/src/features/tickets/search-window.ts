import type { SearchWindow } from '../../api/types.js';

/** The widest window one search may cover (docs/search.md "Bounded search"). */
export const MAX_WINDOW_MONTHS = 24;

/**
 * The searched window of a ticket search as a page keeps it in its address beside `q`
 * (docs/portal.md); '' is the API's default.
 */
export interface WindowParams {
  createdFrom: string;
  createdTo: string;
}

export const readWindow = (params: URLSearchParams): WindowParams => ({
  createdFrom: params.get('createdFrom') ?? '',
  createdTo: params.get('createdTo') ?? '',
});

/** The bounds to send with `q`: only those the address sets. */
export const windowQuery = (window: WindowParams): Partial<WindowParams> => ({
  ...(window.createdFrom ? { createdFrom: window.createdFrom } : {}),
  ...(window.createdTo ? { createdTo: window.createdTo } : {}),
});

/** The first day (UTC, `YYYY-MM-DD`) of the month `months` before the month of `iso`. */
const monthStartBefore = (iso: string, months: number): string => {
  const at = new Date(iso);
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - months, 1)).toISOString().slice(0, 10);
};

/** The day before `iso` (UTC, `YYYY-MM-DD`). */
const dayBefore = (iso: string): string => new Date(Date.parse(iso) - 1).toISOString().slice(0, 10);

/**
 * The next window back from `searched`: the 24 months (the most one search may cover) before it,
 * ending the day before it started, so each "Search older tickets" reads tickets not searched yet
 * and no day is skipped.
 */
export const olderWindow = (searched: SearchWindow): WindowParams => {
  const createdTo = dayBefore(searched.createdFrom);
  return { createdFrom: monthStartBefore(createdTo, MAX_WINDOW_MONTHS - 1), createdTo };
};

/**
 * Whether the answer is the ticket `query` names by its reference: the API then searched that
 * ticket's year, at any age, and an older window would find the same ticket again.
 */
export const foundByReference = (query: string, tickets: readonly { reference: string }[]): boolean => {
  const reference = query.trim().toLowerCase();
  return tickets.some((ticket) => ticket.reference.toLowerCase() === reference);
};

/**
 * The searched window's first and last day in the reader's locale ("1 Dec 2025 – 3 Dec 2026"),
 * counted in UTC as the API counts the window, so its last instant is still its last day.
 */
export const windowLabel = (searched: SearchWindow, locale: string): string =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(
    new Date(searched.createdFrom),
    new Date(searched.createdTo),
  );

/** The address `search` with the window replaced (other parameters, `q` among them, kept). */
export const withWindow = (search: string, window: WindowParams): string => {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(window)) {
    if (value) params.set(key, value);
    else params.delete(key);
  }
  params.delete('cursor');
  return `?${params.toString()}`;
};
