import { requestedActionsOf } from '#automation/requests.js';
import { sendRuleMails } from '#automation/use-cases/carry-out-requests.js';
import { logger } from '#platform/logger.js';
import { ruleMailDeps } from '../wiring/automation-actions.js';
import { streamConsumer } from '../wiring/stream.js';

/**
 * Stream consumer `automation-actions` (docs/automation.md): the mails (`sendMail`) an automation
 * rule asked for, from its `automation.requested` event, each once per rule application. Its
 * webhook calls are the `webhooks` consumer's (functions/stream/webhooks.ts).
 */
export const handler = streamConsumer('automation-actions', async (change) => {
  const requested = requestedActionsOf(change);
  if (!requested) return;
  logger.appendKeys({ ticketId: requested.event.ticketId });
  await sendRuleMails(ruleMailDeps, requested);
});
