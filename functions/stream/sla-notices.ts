import { mailRecordedSlaNotice } from '#notifications/sla-mail.js';
import { slaNoticeOf } from '#sla/notice-record.js';
import { slaNotices } from '../wiring/sla-notices.js';
import { streamConsumer } from '../wiring/stream.js';

/**
 * Mails the SLA notices the checks recorded (reminders, escalations, re-queues, auto-closes):
 * the checks decide when, this consumer sends, so a burst of checks never waits on mail
 * (docs/sla.md). Each notice at most once, however often its record is delivered.
 */
export const handler = streamConsumer(
  'sla-notices',
  async (change) => {
    const recorded = slaNoticeOf(change);
    if (recorded) await mailRecordedSlaNotice(slaNotices, recorded.ticketId, recorded.notice);
  },
  // Notices are independent of each other (one notification record each): a batch is mailed side by side.
  { inParallel: true },
);
