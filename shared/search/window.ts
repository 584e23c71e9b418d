import type { PageCursors } from '#platform/cursor.js';
import { Invalid } from '#platform/errors.js';
import type { SearchWindow, TicketSearchSpec } from '#tickets/ports.js';
import type { SegmentRange } from './ports.js';

/**
 * The creation-time window a ticket search covers (docs/search.md "Bounded search"): by
 * default the current month and the eleven before it; `createdFrom` / `createdTo` move or
 * widen it, up to 24 months, so a search reads at most one segment per month of the window.
 */
export const DEFAULT_WINDOW_MONTHS = 12;
export const MAX_WINDOW_MONTHS = 24;

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date alone starts at its day's first instant (UTC)… */
const startOf = (text: string): Date => new Date(DATE_ONLY.test(text) ? `${text}T00:00:00.000Z` : text);
/** …and ends at its last. */
const endOf = (text: string): Date =>
  DATE_ONLY.test(text) ? new Date(Date.parse(`${text}T00:00:00.000Z`) + DAY_MS - 1) : new Date(text);

const monthNumber = (at: Date): number => at.getUTCFullYear() * 12 + at.getUTCMonth();

/** The window of a search: `createdTo` (default now) and `createdFrom` (default 12 months back). */
export const searchWindow = (now: Date, createdFrom?: string, createdTo?: string): SearchWindow => {
  const to = createdTo ? endOf(createdTo) : now;
  const from = createdFrom
    ? startOf(createdFrom)
    : new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - (DEFAULT_WINDOW_MONTHS - 1), 1));
  if (from > to) {
    throw new Invalid('The searched window ends before it starts', [
      {
        path: createdTo ? 'createdTo' : 'createdFrom',
        message: createdTo ? 'createdTo is before createdFrom' : 'createdFrom is in the future',
      },
    ]);
  }
  if (monthNumber(to) - monthNumber(from) + 1 > MAX_WINDOW_MONTHS) {
    throw new Invalid(`A search covers at most ${MAX_WINDOW_MONTHS} months`, [
      {
        path: 'createdFrom',
        message: `At most ${MAX_WINDOW_MONTHS} months before createdTo (default now): give createdTo to search further back`,
      },
    ]);
  }
  return { createdFrom: from.toISOString(), createdTo: to.toISOString() };
};

/** The months whose segments a window needs. */
export const windowMonths = (window: SearchWindow): SegmentRange => ({
  from: window.createdFrom.slice(0, 7),
  to: window.createdTo.slice(0, 7),
});

/** A reference names its creation year (`HD-2026-000042`): its twelve months, found at any age. */
export const referenceYear = (year: string): { window: SearchWindow; months: SegmentRange } => ({
  window: { createdFrom: `${year}-01-01T00:00:00.000Z`, createdTo: `${year}-12-31T23:59:59.999Z` },
  months: { from: `${year}-01`, to: `${year}-12` },
});

/** Whether a ticket created at `createdAt` lies in the window. */
export const withinWindow = (createdAt: string, window: SearchWindow): boolean =>
  createdAt >= window.createdFrom && createdAt <= window.createdTo;

/**
 * Where a page of a ticket search starts, whatever the engine: the offset and the window sealed
 * in its cursor (later pages keep the first page's window, though "now" has moved on), or the
 * first page of the asked window. `next(end)` seals the cursor of the page after.
 */
export const searchPage = (spec: TicketSearchSpec, cursors: PageCursors, now: Date) => {
  const fingerprint = JSON.stringify([
    'ticket-search',
    spec.text,
    spec.orgId ?? null,
    spec.includeInternal,
    spec.filters,
    spec.sort ?? null,
    spec.createdFrom ?? null,
    spec.createdTo ?? null,
  ]);
  const sealed = cursors.decode(spec.cursor, fingerprint);
  const window: SearchWindow =
    typeof sealed?.createdFrom === 'string' && typeof sealed.createdTo === 'string'
      ? { createdFrom: sealed.createdFrom, createdTo: sealed.createdTo }
      : searchWindow(now, spec.createdFrom, spec.createdTo);
  return {
    offset: Number(sealed?.offset ?? 0),
    window,
    next: (end: number) => cursors.encode({ offset: end, ...window }, fingerprint),
  };
};
