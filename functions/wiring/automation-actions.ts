import type { RequestDeps } from '#automation/use-cases/carry-out-requests.js';
import { logger } from '#platform/logger.js';
import { deliverToHook } from '#webhooks/use-cases/deliver.js';
import type { WebhookEventType } from '#webhooks/webhook.js';
import { mailConsumerWiring } from './mail-consumers.js';
import { deliveryDeps } from './webhook-delivery.js';

/**
 * The `automation-actions` consumer's wiring (family webhook-delivery: table, mail, webhooks):
 * rule mails through the notifier the other mails use (notification records make each one
 * exactly once), webhook calls through the webhook delivery path (signing, retries, dead ends).
 */
const { adapters, notifier } = mailConsumerWiring();

/** A rule's webhook call is delivered as the event the rule ran on; the others as an update. */
const webhookTypeOf: Record<string, WebhookEventType> = {
  'ticket.created': 'ticket.created',
  'message.created': 'message.created',
  'sla.breached': 'sla.breached',
};

export const requestDeps: RequestDeps = {
  tickets: adapters.store,
  log: logger,
  mailer: {
    send: ({ ticket, key, template, to }) =>
      notifier.notify({
        key: { ticketId: ticket.id, clock: 'rule', level: key },
        ticket,
        notice: { kind: 'rule', template, to },
      }),
  },
  webhooks: {
    deliver: ({ hookId, deliveryId, event, ruleEvent, ticket }) =>
      deliverToHook(deliveryDeps, {
        hookId,
        deliveryId,
        type: (ruleEvent && webhookTypeOf[ruleEvent]) ?? 'ticket.updated',
        event,
        ticket,
      }),
  },
};
