import {
  envelope,
  type IndexName,
  indexKey,
  indexKeyNames,
  joinKey,
  type Key,
  prefixOf,
  type QuerySpec,
} from './key.js';

/**
 * Webhooks and their deliveries (docs/webhooks.md):
 *
 * - a webhook: `WEBHOOKS` / `WEBHOOK#<id>`: every hook in one partition, so the delivery
 *   consumer reads the whole (bounded) list in one Query; their number is kept in the counter
 *   `COUNTER#webhooks` (counter.ts) so a create can refuse the one too many in its transaction;
 * - a delivery: `WEBHOOK#<hookId>` / `DELIVERY#<eventId>`, one per hook and ticket event, listed
 *   newest first; while a retry is pending it is on gsi6 (`WEBHOOK_RETRIES`, sorted
 *   `<nextAttemptAt>#<hookId>#<eventId>`), so the retry sweep reads the due ones earliest first.
 *   It expires through the table's TTL attribute.
 */
const WEBHOOKS = 'WEBHOOKS';
const WEBHOOK = 'WEBHOOK';
const DELIVERY = 'DELIVERY';
const PENDING_RETRIES = 'WEBHOOK_RETRIES';
const WEBHOOK_ENTITY = 'webhook';
const DELIVERY_ENTITY = 'webhook-delivery';

/** The counter (counter.ts) that bounds the number of webhooks. */
export const WEBHOOK_COUNTER = 'webhooks';

const byDueTime = 'gsi6' satisfies IndexName;

const webhookKey = (id: string): Key => ({ pk: WEBHOOKS, sk: joinKey(WEBHOOK, id) });
const deliveryPartition = (hookId: string) => joinKey(WEBHOOK, hookId);
const deliveryKey = (hookId: string, eventId: string): Key => ({
  pk: deliveryPartition(hookId),
  sk: joinKey(DELIVERY, eventId),
});
const retryOrder = (delivery: { hookId: string; eventId: string; nextAttemptAt: string }) =>
  joinKey(delivery.nextAttemptAt, delivery.hookId, delivery.eventId);

export const webhookEntity = {
  name: WEBHOOK_ENTITY,
  key: webhookKey,
  item: (id: string) => envelope(WEBHOOK_ENTITY, webhookKey(id)),
  /** Every webhook (one partition, at most MAX_WEBHOOKS items). */
  all: (): QuerySpec => ({ pk: WEBHOOKS, skPrefix: prefixOf(WEBHOOK), descending: false }),
};

export const deliveryEntity = {
  name: DELIVERY_ENTITY,
  key: deliveryKey,
  item: (hookId: string, eventId: string) => envelope(DELIVERY_ENTITY, deliveryKey(hookId, eventId)),
  /** The index attributes of a delivery whose next attempt is due at `nextAttemptAt`. */
  retryKeys: (delivery: { hookId: string; eventId: string; nextAttemptAt: string }) =>
    indexKey(byDueTime, PENDING_RETRIES, retryOrder(delivery)),
  /** The attribute names a settled delivery removes to leave the retry index. */
  retryAttributes: indexKeyNames(byDueTime),
  /** A hook's deliveries, newest first (event ids are ULIDs). */
  ofHook: (hookId: string): QuerySpec => ({ pk: deliveryPartition(hookId), skPrefix: prefixOf(DELIVERY) }),
  /** Deliveries whose next attempt is due by `at`, earliest first. */
  dueBy: (at: string) => ({
    index: byDueTime,
    pk: PENDING_RETRIES,
    names: indexKeyNames(byDueTime),
    /** Sorts after every `<at>#…` key (ids are ULIDs). */
    upTo: joinKey(at, '~'),
  }),
};
