import { readSettings, TableSettings } from '#platform/config.js';
import { noCursors } from '#platform/cursor.js';
import { DynamoDeliveryStore, DynamoWebhookStore } from '#webhooks/adapters/dynamodb-webhook-store.js';
import { dnsResolver } from '#webhooks/adapters/http-webhook-sender.js';
import { WebhookSettings } from '#webhooks/settings.js';
import type { WebhookAdminDeps } from '#webhooks/use-cases/manage-webhooks.js';
import { checkAccountsIn } from './account-check.js';
import { tableAdapters } from './tables.js';

/**
 * The webhook admin routes' wiring: the hooks and their deliveries in the table, the system
 * resolver for the URL check (docs/webhooks.md, SSRF), read once per container.
 */
const settings = readSettings({ table: TableSettings, webhooks: WebhookSettings });

const adapters = tableAdapters(settings.table, noCursors);
checkAccountsIn(adapters.db, adapters.tableName, adapters.clock);

export const webhookAdminDeps: WebhookAdminDeps = {
  store: new DynamoWebhookStore(adapters.db, adapters.tableName),
  resolver: dnsResolver,
  targets: settings.webhooks.targets,
  clock: adapters.clock,
  ids: adapters.ids,
};

export const deliveryListDeps = {
  store: webhookAdminDeps.store,
  deliveries: new DynamoDeliveryStore(adapters.db, adapters.tableName),
};
