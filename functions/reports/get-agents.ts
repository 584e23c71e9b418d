import { AgentsQuery } from '#reports/schemas.js';
import { readAgents } from '#reports/use-cases/agents.js';
import { json, route, signedIn } from '../http/route.js';
import { reportDeps } from '../wiring/reports-api.js';
import { rangeAndFilters } from './report-range.js';

export const handler = route({ action: 'reports:read', query: AgentsQuery }, async ({ caller, query }) => {
  const { range, filters } = rangeAndFilters(signedIn(caller), query);
  const items = await readAgents(reportDeps, range, filters, query.minTickets);
  return json(200, { from: range.from, to: range.to, minTickets: query.minTickets, items });
});
