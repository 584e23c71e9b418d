import { updateWebhook } from '#webhooks/use-cases/manage-webhooks.js';
import { WebhookPatch, WebhookPathParams } from '#webhooks/webhook.js';
import { etag, ifMatchVersion, json, route } from '../http/route.js';
import { webhookAdminDeps } from '../wiring/webhooks-admin.js';

export const handler = route(
  { action: 'webhooks:write', params: WebhookPathParams, body: WebhookPatch },
  async ({ params, body, headers }) => {
    const hook = await updateWebhook(webhookAdminDeps, params.id, body, ifMatchVersion(headers));
    return json(200, hook, { etag: etag(hook.version) });
  },
);
