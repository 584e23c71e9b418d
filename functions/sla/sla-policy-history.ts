import { SlaPolicyHistoryQuery } from '#sla/policy-change.js';
import { listPolicyHistory } from '#sla/use-cases/list-policy-history.js';
import { json, route } from '../http/route.js';
import { policyHistory } from '../wiring/admin.js';

export const handler = route(
  { action: 'sla-policies:history', query: SlaPolicyHistoryQuery },
  async ({ query }) => json(200, await listPolicyHistory(policyHistory, query)),
);
