import { getSlaPolicies } from '#sla/use-cases/get-sla-policies.js';
import { etag, json, route } from '../http/route.js';
import { slaPolicyDeps } from '../wiring/sla-policies.js';

export const handler = route({ action: 'sla-policies:read' }, async () => {
  const { policies, version } = await getSlaPolicies(slaPolicyDeps);
  return json(200, { policies }, { etag: etag(version) });
});
