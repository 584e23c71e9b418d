import { requestedActionsOf } from '#automation/requests.js';
import { carryOutRequests } from '#automation/use-cases/carry-out-requests.js';
import { logger } from '#platform/logger.js';
import { requestDeps } from '../wiring/automation-actions.js';
import { streamConsumer } from '../wiring/stream.js';

/**
 * Stream consumer `automation-actions` (docs/automation.md): the mails (`sendMail`) and webhook
 * calls (`callWebhook`) an automation rule asked for, from its `automation.requested` event,
 * each once per rule application.
 */
export const handler = streamConsumer('automation-actions', async (change) => {
  const requested = requestedActionsOf(change);
  if (!requested) return;
  logger.appendKeys({ ticketId: requested.event.ticketId });
  await carryOutRequests(requestDeps, requested);
});
