import type { Page } from '#platform/ports.js';
import type { AttemptResult, Delivery } from './delivery.js';
import type { Webhook } from './webhook.js';

/** The webhooks, all in one bounded list. */
export interface WebhookStore {
  /** Every webhook (at most MAX_WEBHOOKS): one Query. */
  list(): Promise<Webhook[]>;
  get(id: string): Promise<Webhook | null>;
  /** Stores a new hook; Conflict when MAX_WEBHOOKS exist already. */
  create(hook: Webhook): Promise<void>;
  /** Replaces the hook as version `hook.version`; PreconditionFailed when the stored one is not `expectedVersion`, NotFound when gone. */
  update(hook: Webhook, expectedVersion: number): Promise<void>;
  /** NotFound when there is no such hook. */
  delete(id: string): Promise<void>;
  /** Notes the first failure since the last success (no-op when one is noted). */
  markFailing(id: string, at: string): Promise<void>;
  /** Clears the failure mark after a success. */
  markHealthy(id: string): Promise<void>;
  /** Turns the hook off as failing, if it is still on and failing since `failingSince`; true when this call did. */
  disableFailing(id: string, failingSince: string, at: string): Promise<boolean>;
  /** Notes that admins were told about the hook's disabling at `at`. */
  markAdminsNotified(id: string, disabledAt: string): Promise<void>;
}

export interface DeliveryStore {
  /** Records a new delivery; false when one exists for the same hook and event (nothing written). */
  create(delivery: Delivery): Promise<boolean>;
  /**
   * Takes a pending delivery for an attempt until `leaseUntil` (moves its next attempt there),
   * if it is still pending after `delivery.attempts` attempts and due at `delivery.nextAttemptAt`:
   * two sweeps never post the same attempt.
   */
  claim(delivery: Delivery, leaseUntil: Date): Promise<boolean>;
  /** Stores the outcome of attempt number `delivery.attempts + 1`, unless another attempt recorded it first. */
  recordAttempt(
    delivery: Delivery,
    outcome: {
      status: Delivery['status'];
      statusCode: number | null;
      error: string | null;
      at: string;
      nextAttemptAt: string | null;
    },
  ): Promise<boolean>;
  /** Gives a pending delivery up without an attempt (its hook was deleted or turned off). */
  cancel(delivery: Delivery, reason: string): Promise<void>;
  /** Deliveries whose next attempt is due by `at`, earliest first, at most `limit`. */
  due(at: Date, limit: number): Promise<Delivery[]>;
  /** A hook's deliveries, newest first. */
  ofHook(hookId: string, query: { limit: number; cursor?: string | undefined }): Promise<Page<Delivery>>;
}

/** POSTs one signed message; never throws for what the receiver or the network did. */
export interface WebhookSender {
  post(url: string, message: { body: string; headers: Record<string, string> }): Promise<AttemptResult>;
}

/** The addresses a host name resolves to (all of them, v4 and v6). */
export interface HostResolver {
  resolve(host: string): Promise<string[]>;
}
