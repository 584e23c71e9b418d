import { getTicketFields } from '#tickets/use-cases/manage-ticket-fields.js';
import { etag, json, route } from '../http/route.js';
import { categoryDeps } from '../wiring/admin.js';

export const handler = route({ action: 'ticket-fields:read' }, async () => {
  const { fields, version } = await getTicketFields(categoryDeps);
  return json(200, { fields }, { etag: etag(version) });
});
