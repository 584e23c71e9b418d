import { deleteWebhook } from '#webhooks/use-cases/manage-webhooks.js';
import { WebhookPathParams } from '#webhooks/webhook.js';
import { route } from '../http/route.js';
import { webhookAdminDeps } from '../wiring/webhooks-admin.js';

export const handler = route({ action: 'webhooks:write', params: WebhookPathParams }, async ({ params }) => {
  await deleteWebhook(webhookAdminDeps, params.id);
  return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
});
