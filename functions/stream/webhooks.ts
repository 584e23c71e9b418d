import { requestedActionsOf } from '#automation/requests.js';
import { callRuleWebhooks } from '#automation/use-cases/carry-out-requests.js';
import { ticketEventOf } from '#tickets/change-events.js';
import { disabledHookOf } from '#webhooks/events.js';
import { deliverEvent } from '#webhooks/use-cases/deliver.js';
import { notifyWebhookDisabled } from '#webhooks/use-cases/notify-disabled.js';
import { ruleWebhookDeps } from '../wiring/rule-webhooks.js';
import { streamConsumer } from '../wiring/stream.js';
// Entries take adapters from their wiring: the Powertools stream consumer included.
import { deliveryDeps } from '../wiring/webhook-delivery.js';
import { disabledNoticeDeps } from '../wiring/webhook-notices.js';

/**
 * The `webhooks` consumer (docs/webhooks.md): each ticket event goes to the hooks that want it,
 * once per hook (idempotent per event and hook); a hook turned off for failing tells the admins.
 */
export const handler = streamConsumer('webhooks', async (change) => {
  // An automation rule's `callWebhook` (docs/automation.md): to the hook it names, once.
  const requested = requestedActionsOf(change);
  if (requested) {
    await callRuleWebhooks(ruleWebhookDeps, requested);
    return;
  }
  const event = ticketEventOf(change);
  if (event) {
    await deliverEvent(deliveryDeps, event);
    return;
  }
  const disabled = disabledHookOf(change);
  if (disabled) await notifyWebhookDisabled(disabledNoticeDeps, disabled);
});
