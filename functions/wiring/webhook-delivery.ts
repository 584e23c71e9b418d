import { readSettings, TableSettings } from '#platform/config.js';
import { noCursors } from '#platform/cursor.js';
import { logger } from '#platform/logger.js';

import { ttlCache } from '#platform/ttl-cache.js';
import { DynamoDeliveryStore, DynamoWebhookStore } from '#webhooks/adapters/dynamodb-webhook-store.js';
import { HttpWebhookSender } from '#webhooks/adapters/http-webhook-sender.js';
import { WebhookSettings } from '#webhooks/settings.js';
import type { DeliveryDeps } from '#webhooks/use-cases/deliver.js';
import type { Webhook } from '#webhooks/webhook.js';
import { tableAdapters } from './tables.js';

/**
 * The webhook delivery family's wiring (the stream consumer functions/stream/webhooks.ts and
 * the retry sweep functions/webhooks/retry-deliveries.ts): read once per container. The mail
 * to admins about a disabled hook is wired apart (./webhook-notices.ts), so the sweep, which
 * sends none, bundles no SES client.
 */
const settings = readSettings({ table: TableSettings, webhooks: WebhookSettings });

export const adapters = tableAdapters(settings.table, noCursors);
export const store = new DynamoWebhookStore(adapters.db, adapters.tableName);
const cachedHooks = ttlCache<Webhook[]>(adapters.clock, settings.webhooks.hookCacheMs);

export const deliveryDeps: DeliveryDeps = {
  hooks: () => cachedHooks('all', () => store.list()),
  store,
  deliveries: new DynamoDeliveryStore(adapters.db, adapters.tableName),
  tickets: adapters.store,
  sender: new HttpWebhookSender(settings.webhooks.targets),
  clock: adapters.clock,
  retry: settings.webhooks.retry,
  log: logger,
};
