import type { Clock } from '#platform/ports.js';
import type { TicketStore } from '#tickets/ports.js';
import type { Message, Ticket, TicketEvent } from '#tickets/schemas.js';
import { type AttemptResult, type Delivery, nextAttemptAt, type RetryPolicy } from '../delivery.js';
import { type Audience, messageIdOf, payloadOf, webhookEventOf } from '../events.js';
import type { DeliveryStore, WebhookSender, WebhookStore } from '../ports.js';
import { signedHeaders } from '../signature.js';
import { type Webhook, type WebhookEventType, wants } from '../webhook.js';

/** Structured logging, as the functions' powertools logger offers it. */
export interface Log {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
}

export interface DeliveryDeps {
  /** The hook list, cached briefly per container (it is read for every event). */
  hooks: () => Promise<Webhook[]>;
  store: WebhookStore;
  deliveries: DeliveryStore;
  tickets: Pick<TicketStore, 'getTicket' | 'getMessage'>;
  sender: WebhookSender;
  clock: Clock;
  retry: RetryPolicy;
  log: Log;
}

/**
 * How long an attempt owns a delivery: longer than the POST's 10 s budget, so a sweep never
 * retries a delivery whose attempt is still running; a crashed attempt is retried after it.
 */
export const ATTEMPT_LEASE_MS = 30_000;

/**
 * Settles one attempt: stores its outcome (retry at the back-off's next time, or for good), and
 * keeps the hook's failure record: a success clears it, a failure starts it, and a hook whose
 * attempts have all failed for `disableAfterMs` is turned off (admins are told by the consumer
 * of that change, docs/webhooks.md).
 */
const settle = async (deps: DeliveryDeps, hook: Webhook, delivery: Delivery, result: AttemptResult) => {
  const now = deps.clock.now();
  const at = now.toISOString();
  if (result.outcome === 'delivered') {
    await deps.deliveries.recordAttempt(delivery, {
      status: 'delivered',
      statusCode: result.statusCode,
      error: null,
      at,
      nextAttemptAt: null,
    });
    // Always (a conditional no-op when healthy): the cached hook may not show a recent failure mark.
    await deps.store.markHealthy(hook.id);
    return;
  }
  const retryAt =
    result.outcome === 'retryable'
      ? nextAttemptAt(deps.retry, { createdAt: delivery.createdAt, attempts: delivery.attempts + 1 }, now)
      : null;
  await deps.deliveries.recordAttempt(delivery, {
    status: retryAt ? 'pending' : 'failed',
    statusCode: result.statusCode,
    error: result.error,
    at,
    nextAttemptAt: retryAt?.toISOString() ?? null,
  });
  deps.log.warn('A webhook delivery failed', {
    webhookId: hook.id,
    deliveryId: delivery.id,
    attempt: delivery.attempts + 1,
    statusCode: result.statusCode,
    error: result.error,
    nextAttemptAt: retryAt?.toISOString() ?? null,
  });
  if (!hook.failingSince) {
    await deps.store.markFailing(hook.id, at);
    return;
  }
  if (now.getTime() - new Date(hook.failingSince).getTime() >= deps.retry.disableAfterMs) {
    const disabled = await deps.store.disableFailing(hook.id, hook.failingSince, at);
    if (disabled) deps.log.warn('A webhook was disabled after failing for 3 days', { webhookId: hook.id });
  }
};

/** POSTs the delivery's message, signed now, and settles the outcome. */
const attempt = async (deps: DeliveryDeps, hook: Webhook, delivery: Delivery): Promise<void> => {
  const headers = signedHeaders(hook.secret, { id: delivery.id, body: delivery.body }, deps.clock.now());
  const result = await deps.sender.post(hook.url, { body: delivery.body, headers });
  await settle(deps, hook, delivery, result);
};

/**
 * The stream consumer's part: for one ticket event, a delivery per active hook that wants it,
 * each recorded once (the same event twice records and sends nothing more), then attempted at
 * once. Reads the ticket (and the message) only when some hook wants the event.
 */
export const deliverEvent = async (deps: DeliveryDeps, event: TicketEvent): Promise<number> => {
  const mapped = webhookEventOf(event);
  if (!mapped) return 0;
  const hooks = (await deps.hooks()).filter((hook) => wants(hook, mapped.type, mapped.staffOnly));
  if (hooks.length === 0) return 0;
  const ticket = await deps.tickets.getTicket(event.ticketId);
  if (!ticket) return 0;
  const messageId = messageIdOf(event);
  const message: Message | null = messageId ? await deps.tickets.getMessage(event.ticketId, messageId) : null;
  const bodies = new Map<Audience, string>();
  const bodyFor = (audience: Audience) => {
    let body = bodies.get(audience);
    if (!body) {
      body = JSON.stringify(payloadOf({ event, type: mapped.type, ticket, message, audience }));
      bodies.set(audience, body);
    }
    return body;
  };
  const now = deps.clock.now();
  // At most MAX_WEBHOOKS, each attempt bounded by its timeout.
  const sent = await Promise.all(
    hooks.map(async (hook) => {
      const delivery: Delivery = {
        id: event.id,
        hookId: hook.id,
        type: mapped.type,
        status: 'pending',
        attempts: 0,
        lastStatusCode: null,
        lastError: null,
        createdAt: now.toISOString(),
        lastAttemptAt: null,
        // Should this attempt die with its container, the sweep picks the delivery up after the lease.
        nextAttemptAt: new Date(now.getTime() + ATTEMPT_LEASE_MS).toISOString(),
        deliveredAt: null,
        body: bodyFor(hook.includeInternal ? 'staff' : 'public'),
      };
      if (!(await deps.deliveries.create(delivery))) return 0;
      await attempt(deps, hook, delivery);
      return 1;
    }),
  );
  return sent.reduce<number>((sum, one) => sum + one, 0);
};

/**
 * One delivery to one named hook, whatever events it subscribed to (an automation rule's
 * `callWebhook`): recorded once under `deliveryId` (a second call sends nothing), signed and
 * attempted at once, retried by the sweep like every delivery. A hook that does not exist or is
 * turned off gets nothing.
 */
export const deliverToHook = async (
  deps: DeliveryDeps,
  input: { hookId: string; deliveryId: string; type: WebhookEventType; event: TicketEvent; ticket: Ticket },
): Promise<'sent' | 'already-sent' | 'no-hook'> => {
  const hook =
    (await deps.hooks()).find((h) => h.id === input.hookId) ?? (await deps.store.get(input.hookId));
  if (!hook?.active) return 'no-hook';
  const now = deps.clock.now();
  const payload = payloadOf({
    event: { ...input.event, id: input.deliveryId },
    type: input.type,
    ticket: input.ticket,
    message: null,
    audience: hook.includeInternal ? 'staff' : 'public',
  });
  const delivery: Delivery = {
    id: input.deliveryId,
    hookId: hook.id,
    type: input.type,
    status: 'pending',
    attempts: 0,
    lastStatusCode: null,
    lastError: null,
    createdAt: now.toISOString(),
    lastAttemptAt: null,
    nextAttemptAt: new Date(now.getTime() + ATTEMPT_LEASE_MS).toISOString(),
    deliveredAt: null,
    body: JSON.stringify(payload),
  };
  if (!(await deps.deliveries.create(delivery))) return 'already-sent';
  await attempt(deps, hook, delivery);
  return 'sent';
};

const END_OF_TIME = new Date('9999-12-31T23:59:59.999Z');

export interface SweepResult {
  attempted: number;
  /** When the earliest delivery still pending is due, if the sweep saw one. */
  nextDueAt: string | null;
}

/**
 * The retry sweep: attempts the deliveries that are due (earliest first, `batch` at a time,
 * at most `limit` in one run), each claimed first so concurrent sweeps never repeat one. A
 * delivery of a hook that was deleted or turned off is cancelled.
 */
export const retryDueDeliveries = async (
  deps: DeliveryDeps,
  options: { batch?: number; limit?: number } = {},
): Promise<SweepResult> => {
  const batch = options.batch ?? 10;
  const limit = options.limit ?? 100;
  let attempted = 0;
  while (attempted < limit) {
    const now = deps.clock.now();
    const due = await deps.deliveries.due(now, batch);
    if (due.length === 0) break;
    const hooks = new Map((await deps.hooks()).map((hook) => [hook.id, hook]));
    await Promise.all(
      due.map(async (delivery) => {
        const hook = hooks.get(delivery.hookId) ?? (await deps.store.get(delivery.hookId));
        if (!hook?.active) {
          await deps.deliveries.cancel(
            delivery,
            hook ? 'the webhook was turned off' : 'the webhook was deleted',
          );
          return;
        }
        if (!(await deps.deliveries.claim(delivery, new Date(now.getTime() + ATTEMPT_LEASE_MS)))) return;
        // The current hook (its secret, its url), the claimed delivery.
        await attempt(deps, hook, { ...delivery, nextAttemptAt: null });
      }),
    );
    attempted += due.length;
    if (due.length < batch) break;
  }
  const [next] = await deps.deliveries.due(END_OF_TIME, 1);
  return { attempted, nextDueAt: next?.nextAttemptAt ?? null };
};
