import { notifyAgents } from '#notifications/use-cases/notify-agents.js';
import { logger } from '#platform/logger.js';
import { ticketEventOf } from '#tickets/change-events.js';
import { agentNotificationDeps } from '../wiring/agent-notifications.js';
import { streamConsumer } from '../wiring/stream.js';

/**
 * Tells staff of ticket events (docs/notifications.md): a new ticket, a client's reply, a
 * reopen, an assignment, an @mention in an internal note. Filtered to those event inserts
 * (./consumers.ts); idempotent, so a repeated record writes and sends nothing twice.
 */
export const handler = streamConsumer('agent-notifications', async (change) => {
  const event = ticketEventOf(change);
  if (!event) return;
  const deliveries = await notifyAgents(agentNotificationDeps, event);
  if (deliveries.length) {
    logger.info('Agents notified', { ticketId: event.ticketId, event: event.type, deliveries });
  }
});
