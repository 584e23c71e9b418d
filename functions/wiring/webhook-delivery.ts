import { withCachedStaffLists } from '#identity/adapters/cached-staff-directory.js';
import { createSesClient } from '#notifications/adapters/ses-client.js';
import { SesMailer } from '#notifications/adapters/ses-mailer.js';
import { MailSettings } from '#notifications/config.js';
import { readSettings, TableSettings } from '#platform/config.js';
import { noCursors } from '#platform/cursor.js';
import { logger } from '#platform/logger.js';

import { ttlCache } from '#platform/ttl-cache.js';
import { DynamoDeliveryStore, DynamoWebhookStore } from '#webhooks/adapters/dynamodb-webhook-store.js';
import { HttpWebhookSender } from '#webhooks/adapters/http-webhook-sender.js';
import { WebhookSettings } from '#webhooks/settings.js';
import type { DeliveryDeps } from '#webhooks/use-cases/deliver.js';
import type { DisabledNoticeDeps } from '#webhooks/use-cases/notify-disabled.js';
import type { Webhook } from '#webhooks/webhook.js';
import { tableAdapters } from './tables.js';

/**
 * The webhook delivery family's wiring (the stream consumer functions/stream/webhooks.ts and
 * the retry sweep functions/webhooks/retry-deliveries.ts): read once per container.
 */
const settings = readSettings({ table: TableSettings, mail: MailSettings, webhooks: WebhookSettings });

const adapters = tableAdapters(settings.table, noCursors);
const store = new DynamoWebhookStore(adapters.db, adapters.tableName);
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

export const disabledNoticeDeps: DisabledNoticeDeps = {
  store,
  users: withCachedStaffLists(adapters.users, adapters.clock),
  mailer: new SesMailer(createSesClient({ endpoint: settings.mail.sesEndpoint }), {
    from: settings.mail.from,
    configurationSet: settings.mail.configurationSet,
    replyTo: settings.mail.replyTo,
  }),
  mailDomain: settings.mail.threadDomain,
};
