import { getWebhook } from '#webhooks/use-cases/manage-webhooks.js';
import { WebhookPathParams } from '#webhooks/webhook.js';
import { etag, json, route } from '../http/route.js';
import { webhookAdminDeps } from '../wiring/webhooks-admin.js';

export const handler = route({ action: 'webhooks:read', params: WebhookPathParams }, async ({ params }) => {
  const hook = await getWebhook(webhookAdminDeps, params.id);
  return json(200, hook, { etag: etag(hook.version) });
});
