import { CsatQuery } from '#reports/schemas.js';
import { readCsat } from '#reports/use-cases/csat.js';
import { json, route, signedIn } from '../http/route.js';
import { reportDeps } from '../wiring/reports-api.js';
import { rangeAndFilters } from './report-range.js';

export const handler = route({ action: 'reports:read', query: CsatQuery }, async ({ caller, query }) => {
  const { range, filters } = rangeAndFilters(signedIn(caller), query);
  return json(200, await readCsat(reportDeps, range, filters, { limit: query.limit, cursor: query.cursor }));
});
