import { PageQuery } from '#tickets/schemas.js';
import { listDeliveries } from '#webhooks/use-cases/list-deliveries.js';
import { WebhookPathParams } from '#webhooks/webhook.js';
import { json, route } from '../http/route.js';
import { deliveryListDeps } from '../wiring/webhooks-admin.js';

export const handler = route(
  { action: 'webhooks:read', params: WebhookPathParams, query: PageQuery },
  async ({ params, query }) => json(200, await listDeliveries(deliveryListDeps, params.id, query)),
);
