import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { mailForEvent } from '#notifications/change-mail.js';
import { loggedEntry, logger } from '#platform/logger.js';
import { ticketEventOf } from '#tickets/change-events.js';
import { streamConsumer } from '../wiring/stream.js';
import { changeMailDeps } from '../wiring/stream-mail.js';

const consume = streamConsumer('mail', async (change) => {
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

/**
 * Stream consumer `mail`: every mail a ticket change causes for its requester (acknowledgement,
 * staff reply, proposed solution, auto-close), from the ticket's event inserts. A failed send
 * throws, so the record is retried and ends in the dead-letter queue (docs/mail.md).
 */
export const handler = loggedEntry((event: DynamoDBStreamEvent, context) =>
  consume(event, context as Context),
);
