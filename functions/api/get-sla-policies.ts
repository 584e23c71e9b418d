import { getSlaPolicies } from '../../shared/sla/policies.js';
import { slaPolicyDeps } from './commons/engine.js';
import { etag, json, route } from './commons/http.js';

export const handler = route({ action: 'sla-policies:read' }, async () => {
  const { policies, version } = await getSlaPolicies(slaPolicyDeps);
  return json(200, { policies }, { etag: etag(version) });
});
