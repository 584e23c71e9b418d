import { getRules } from '#automation/use-cases/manage-rules.js';
import { etag, json, route } from '../http/route.js';
import { automationAdmin } from '../wiring/admin.js';

export const handler = route({ action: 'automation:read' }, async () => {
  const { rules, version } = await getRules(automationAdmin);
  return json(200, { rules }, { etag: etag(version) });
});
