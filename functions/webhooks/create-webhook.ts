import { createWebhook } from '#webhooks/use-cases/manage-webhooks.js';
import { NewWebhook } from '#webhooks/webhook.js';
import { etag, json, route } from '../http/route.js';
import { API_PREFIX } from '../http/routes.js';
import { webhookAdminDeps } from '../wiring/webhooks-admin.js';

/** The only answer that carries the hook's secret. */
export const handler = route({ action: 'webhooks:write', body: NewWebhook }, async ({ body }) => {
  const created = await createWebhook(webhookAdminDeps, body);
  return json(201, created, {
    location: `${API_PREFIX}/webhooks/${created.id}`,
    etag: etag(created.version),
  });
});
