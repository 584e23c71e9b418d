import type { RuleWebhookDeps } from '#automation/use-cases/carry-out-requests.js';
import { logger } from '#platform/logger.js';
import { deliverToHook } from '#webhooks/use-cases/deliver.js';
import type { WebhookEventType } from '#webhooks/webhook.js';
import { adapters, deliveryDeps } from './webhook-delivery.js';

/** A rule's webhook call is delivered as the event the rule ran on; the others as an update. */
const webhookTypeOf: Record<string, WebhookEventType> = {
  'ticket.created': 'ticket.created',
  'message.created': 'message.created',
  'sla.breached': 'sla.breached',
};

/** Automation rules' `callWebhook`, carried out by the `webhooks` consumer through the delivery path. */
export const ruleWebhookDeps: RuleWebhookDeps = {
  tickets: adapters.store,
  log: logger,
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
