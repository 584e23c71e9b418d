import { resolveRange } from '#reports/query.js';
import { TrendsQuery } from '#reports/schemas.js';
import { filtersFor, timeZoneOf } from '#reports/use-cases/access.js';
import { readTrends } from '#reports/use-cases/trends.js';
import { json, route, signedIn } from '../http/route.js';
import { reportDeps } from '../wiring/reports-api.js';

export const handler = route({ action: 'reports:read', query: TrendsQuery }, async ({ caller, query }) => {
  const who = signedIn(caller);
  // Topics belong to nobody: an agent (agent=me) sees the desk's trends like a lead.
  filtersFor(who, query);
  const { to } = resolveRange({ to: query.to }, timeZoneOf(who, query.timeZone), reportDeps.clock.now());
  return json(200, await readTrends(reportDeps, { ...query, to }));
});
