import type { TicketChange } from '#tickets/ports.js';
import type { Ticket } from '#tickets/schemas.js';
import type { TicketHooks } from '#tickets/use-cases/deps.js';
import { notificationKeys } from './notices.js';
import type { NoticeRequest, Notifier } from './notifier.js';

export interface TicketNoticeOptions {
  /** When a resolved ticket will close itself (the SLA policy's autoCloseAfter); null if unknown. */
  autoCloseAt?: (ticket: Ticket, resolvedAt: string) => string | null;
}

const staffRoles = new Set(['agent', 'lead', 'admin']);

/**
 * The mails a ticket change causes for the requester (SLA notices come from the SLA checks):
 * a new ticket is acknowledged, a public staff reply is forwarded, a proposed solution comes
 * with accept and reopen links (its text included, so it is not sent a second time as a reply).
 */
export const noticesForChange = (
  change: TicketChange,
  options: TicketNoticeOptions = {},
): NoticeRequest[] => {
  const { ticket, previous } = change;
  if (!previous)
    return [
      { key: notificationKeys.acknowledgement(ticket.id), ticket, notice: { kind: 'acknowledgement' } },
    ];

  const replies = (change.messages ?? []).filter(
    (message) => !message.internal && staffRoles.has(message.author.role),
  );
  if (ticket.status === 'resolved' && previous.status !== 'resolved') {
    const solution = replies.map((message) => message.body).join('\n\n') || null;
    return [
      {
        key: notificationKeys.resolutionProposed(ticket.id, ticket.version),
        ticket,
        notice: {
          kind: 'resolutionProposed',
          solution,
          autoCloseAt: options.autoCloseAt?.(ticket, ticket.updatedAt) ?? null,
        },
      },
    ];
  }
  return replies.map((message) => ({
    key: notificationKeys.agentReply(ticket.id, message.id),
    ticket,
    notice: { kind: 'agentReply', message },
  }));
};

/**
 * Ticket hooks that mail what a committed change causes. The change is already written when
 * they run, so a failed send must not fail the request: it goes to `onFailure` (log it; a
 * caller with a retry mechanism can schedule the same request again, the key keeps it single).
 */
export const mailHooks = (
  notifier: Notifier,
  onFailure: (error: unknown, request: NoticeRequest) => void,
  options: TicketNoticeOptions = {},
): TicketHooks => ({
  prepare: async (change) => change,
  committed: async (change) => {
    for (const request of noticesForChange(change, options)) {
      try {
        await notifier.notify(request);
      } catch (error) {
        onFailure(error, request);
      }
    }
  },
});
