import { NotFound } from '#platform/errors.js';
import type { Page } from '#platform/ports.js';
import { type DeliveryView, deliveryView } from '../delivery.js';
import type { DeliveryStore, WebhookStore } from '../ports.js';

/** A hook's deliveries, newest first: status, attempts, last answer, next attempt. */
export const listDeliveries = async (
  deps: { store: WebhookStore; deliveries: DeliveryStore },
  hookId: string,
  query: { limit: number; cursor?: string | undefined },
): Promise<Page<DeliveryView>> => {
  if (!(await deps.store.get(hookId))) throw new NotFound('No such webhook');
  const page = await deps.deliveries.ofHook(hookId, query);
  return { items: page.items.map(deliveryView), nextCursor: page.nextCursor };
};
