import * as z from 'zod';
import { Timestamp } from '#tickets/timestamp.js';
import { WebhookEventType } from './webhook.js';

/**
 * One ticket event for one hook: recorded once (conditioned on not existing, so the same stream
 * record twice delivers once), attempted at once by the stream consumer, retried with
 * exponential back-off by the retry sweep while it stays `pending`.
 */
export const deliveryStatuses = ['pending', 'delivered', 'failed', 'cancelled'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const DeliveryView = z
  .object({
    id: z.string().meta({ description: 'The event id: also the Webhook-Id header and the payload id' }),
    type: WebhookEventType,
    status: z.enum(deliveryStatuses).meta({
      description:
        'pending: not delivered yet, another attempt at nextAttemptAt · delivered · failed: given up · cancelled: the hook was deleted or turned off',
    }),
    attempts: z.int(),
    lastStatusCode: z.int().nullable().meta({ description: "The receiver's last HTTP status" }),
    lastError: z
      .string()
      .nullable()
      .meta({ description: 'Why the last attempt failed (timeout, refused address, …)' }),
    createdAt: Timestamp,
    lastAttemptAt: Timestamp.nullable(),
    nextAttemptAt: Timestamp.nullable(),
    deliveredAt: Timestamp.nullable(),
  })
  .meta({ id: 'WebhookDelivery' });
export type DeliveryView = z.infer<typeof DeliveryView>;

export const DeliveryPage = z
  .object({ items: z.array(DeliveryView), nextCursor: z.string().nullable() })
  .meta({ id: 'WebhookDeliveryPage' });

export interface Delivery extends DeliveryView {
  hookId: string;
  /** The exact body every attempt sends (Standard Webhooks: retries repeat the message). */
  body: string;
}

export const deliveryView = ({ hookId: _, body: __, ...view }: Delivery): DeliveryView => view;

/** What one POST came to. */
export type AttemptResult =
  | { outcome: 'delivered'; statusCode: number }
  /** 5xx, 408, 429, a timeout or a network error: worth another try. */
  | { outcome: 'retryable'; statusCode: number | null; error: string }
  /** Any other answer (4xx, a redirect) or a refused address: another try would fare the same. */
  | { outcome: 'rejected'; statusCode: number | null; error: string };

/** How deliveries are retried and when a failing hook is turned off. */
export interface RetryPolicy {
  /** The first retry's delay; each next one doubles, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** No attempt later than this after the delivery was recorded: it fails for good. */
  giveUpAfterMs: number;
  /** A hook whose every attempt failed this long is turned off, and admins are told. */
  disableAfterMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * 1, 2, 4, … 256 minutes, then every 6 hours, for 24 hours (12 attempts in all); a hook failing
 * for 3 days is disabled. Tests shrink `firstDelayMs` (WEBHOOK_RETRY_FIRST_DELAY_MS).
 */
export const retryPolicy = (firstDelayMs = MINUTE): RetryPolicy => ({
  firstDelayMs,
  maxDelayMs: Math.max(firstDelayMs, (6 * HOUR * firstDelayMs) / MINUTE),
  giveUpAfterMs: 24 * HOUR,
  disableAfterMs: 72 * HOUR,
});

/** When to try again after `attempts` failed attempts, or null when the delivery fails for good. */
export const nextAttemptAt = (
  policy: RetryPolicy,
  delivery: { createdAt: string; attempts: number },
  now: Date,
): Date | null => {
  const delay = Math.min(policy.firstDelayMs * 2 ** Math.max(0, delivery.attempts - 1), policy.maxDelayMs);
  const next = new Date(now.getTime() + delay);
  const deadline = new Date(delivery.createdAt).getTime() + policy.giveUpAfterMs;
  return next.getTime() > deadline ? null : next;
};

/** What an HTTP answer means for the delivery. */
export const resultOfStatus = (statusCode: number): AttemptResult => {
  if (statusCode >= 200 && statusCode < 300) return { outcome: 'delivered', statusCode };
  if (statusCode >= 500 || statusCode === 408 || statusCode === 429) {
    return { outcome: 'retryable', statusCode, error: `HTTP ${statusCode}` };
  }
  return { outcome: 'rejected', statusCode, error: `HTTP ${statusCode}` };
};
