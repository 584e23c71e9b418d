import type { SlaMail, SlaMailNotice } from '#sla/ports.js';
import type { TicketStore } from '#tickets/ports.js';
import type { Ticket } from '#tickets/schemas.js';
import { type Notice, type NotificationKey, type Notifier, notificationKeys } from './index.js';

/** One SLA notice as the mail module keys and words it. */
export const noticeRequest = (
  ticket: Ticket,
  { notice, previousAssignee, at }: SlaMailNotice,
): { key: NotificationKey; notice: Notice } => {
  switch (notice.clock) {
    case 'timeToOpen':
    case 'timeToResolve':
    case 'totalServiceTime': {
      if (notice.kind === 'reminder' && notice.clock !== 'totalServiceTime') {
        const fraction = notice.fraction ?? 0;
        return {
          key: notificationKeys.reminder(ticket.id, notice.clock, fraction),
          notice: { kind: 'reminder', clock: notice.clock, fraction, dueAt: notice.deadline },
        };
      }
      const level = notice.level === 'at-risk' ? 'atRisk' : 'breach';
      return {
        key: notificationKeys.escalation(ticket.id, notice.clock, level),
        notice: { kind: 'escalation', clock: notice.clock, level, dueAt: notice.deadline },
      };
    }
    case 'pickup':
      return {
        key: notificationKeys.requeued(ticket.id, notice.level),
        notice: { kind: 'requeued', previousAssignee },
      };
    case 'autoClose':
      return { key: notificationKeys.autoClosed(ticket.id), notice: { kind: 'autoClosed', closedAt: at } };
  }
};

/** The SLA engine's mail port on the mail module's notifier (one notification record per notice). */
export const slaMailThrough = (notifier: Notifier): SlaMail => ({
  async send(ticket, notice) {
    await notifier.notify({ ...noticeRequest(ticket, notice), ticket });
  },
});

/**
 * Mails an SLA notice a check recorded on a ticket's history event (the sla-notices stream
 * consumer). The ticket is read as it is now: the mail shows its current subject and state,
 * while who is told and what was due are as the check decided (`recorded`). The notification
 * record keeps it at most once however often the event is delivered.
 */
export const mailRecordedSlaNotice = async (
  deps: { store: Pick<TicketStore, 'getTicket'>; mail: SlaMail },
  ticketId: string,
  recorded: SlaMailNotice,
): Promise<'sent' | 'no-ticket'> => {
  const ticket = await deps.store.getTicket(ticketId);
  // A ticket removed since (none are today) has nobody left to tell about.
  if (!ticket) return 'no-ticket';
  await deps.mail.send(ticket, recorded);
  return 'sent';
};
