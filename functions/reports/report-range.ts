import type { Caller } from '#identity/caller.js';
import { resolveRange } from '#reports/query.js';
import type { ReportQuery } from '#reports/schemas.js';
import { filtersFor, timeZoneOf } from '#reports/use-cases/access.js';
import { reportDeps } from '../wiring/reports-api.js';

/** The filters the caller may apply and the range it asked for, in its time zone. */
export const rangeAndFilters = (caller: Caller, query: ReportQuery) => {
  const filters = filtersFor(caller, query);
  const range = resolveRange(query, timeZoneOf(caller, query.timeZone), reportDeps.clock.now());
  return { filters, range };
};
