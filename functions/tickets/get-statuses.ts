import { getStatuses } from '#tickets/use-cases/manage-status-labels.js';
import { etag, json, route } from '../http/route.js';
import { categoryDeps } from '../wiring/admin.js';

export const handler = route({ action: 'statuses:read' }, async () => {
  const { statuses, version } = await getStatuses(categoryDeps);
  return json(200, { statuses }, { etag: etag(version) });
});
