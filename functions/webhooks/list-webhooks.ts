import { listWebhooks } from '#webhooks/use-cases/manage-webhooks.js';
import { json, route } from '../http/route.js';
import { webhookAdminDeps } from '../wiring/webhooks-admin.js';

export const handler = route({ action: 'webhooks:read' }, async () =>
  json(200, { items: await listWebhooks(webhookAdminDeps) }),
);
