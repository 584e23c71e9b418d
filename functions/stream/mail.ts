import { mailForEvent } from '#notifications/change-mail.js';
import { logger } from '#platform/logger.js';
import { ticketEventOf } from '#tickets/change-events.js';
import { changeMailDeps, streamConsumer } from '../wiring/stream-mail.js';

/**
 * Stream consumer `mail`: every mail a ticket change causes for its requester (acknowledgement,
 * staff reply, proposed solution, auto-close), from the ticket's event inserts. A failed send
 * throws, so the record is retried and ends in the dead-letter queue (docs/mail.md).
 */
export const handler = streamConsumer('mail', async (change) => {
  const event = ticketEventOf(change);
  if (!event) return;
  const mailed = await mailForEvent(changeMailDeps, event);
  if (mailed) {
    logger.info('Change mail', {
      ticketId: event.ticketId,
      event: event.type,
      eventId: event.id,
      notice: mailed.request.notice.kind,
      outcome: mailed.outcome.status,
    });
  }
});
