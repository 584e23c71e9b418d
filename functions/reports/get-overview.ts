import { ReportQuery } from '#reports/schemas.js';
import { readOverview } from '#reports/use-cases/overview.js';
import { json, route, signedIn } from '../http/route.js';
import { reportDeps } from '../wiring/reports-api.js';
import { rangeAndFilters } from './report-range.js';

export const handler = route({ action: 'reports:read', query: ReportQuery }, async ({ caller, query }) => {
  const { range, filters } = rangeAndFilters(signedIn(caller), query);
  return json(200, await readOverview(reportDeps, range, filters));
});
