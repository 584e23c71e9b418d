import type { TicketEventType } from '#tickets/change-events.js';
import type { TicketStore } from '#tickets/ports.js';
import type { Message, Ticket, TicketEvent } from '#tickets/schemas.js';
import { notificationKeys } from './notices.js';
import type { NoticeOutcome, NoticeRequest, Notifier } from './notifier.js';

/** The ticket events that may mail the requester; the mail consumer's stream filter. */
export const requesterMailEvents = [
  'ticket.created',
  'message.added',
  'ticket.resolved',
  'ticket.reopened',
  'sla.auto-closed',
  'ticket.merged',
] as const satisfies readonly TicketEventType[];

export interface ChangeMailDeps {
  /** Read when the event is handled: the mail describes the ticket as it is then. */
  tickets: Pick<TicketStore, 'getTicket' | 'getMessage'>;
  notifier: Notifier;
  /** When a resolved ticket will close itself (the SLA engine's armed auto-close); null if none. */
  autoCloseAt?: (ticket: Ticket) => string | null;
}

/**
 * The event names an item a strongly consistent read does not find, though it was written in
 * the event's own transaction (never expected): thrown, so the record is retried and, if it
 * stays so, lands in the dead-letter queue where someone looks at it.
 */
export class ChangeNotVisible extends Error {
  constructor(what: string) {
    super(`${what} is not readable yet`);
    this.name = 'ChangeNotVisible';
  }
}

const staffRoles = new Set<string>(['agent', 'lead', 'admin']);
const isStaffReply = (message: Message) => !message.internal && staffRoles.has(message.author.role);

/**
 * The mail a ticket event causes for its requester, decided when the event is handled (docs/mail.md):
 * - `ticket.created`: the acknowledgement, listing the files the request came with (the
 *   message the event names in `note`, written in the same transaction);
 * - `message.added`, `ticket.reopened` with a message: a public reply from staff is forwarded
 *   (never an internal note, nor the client's own words);
 * - `ticket.resolved`: the proposed solution (the message the resolve wrote, named by the
 *   event's `note`) with accept and reopen links, unless the ticket is no longer resolved;
 * - `sla.auto-closed`: the closing notice with the feedback link;
 * - `ticket.merged`: where the request continues (the ticket it was merged into).
 * Keys follow the event, so the same event handled twice mails once: the acknowledgement and
 * the auto-close happen once per ticket (the auto-close key is the one the SLA engine uses too),
 * a reply is keyed by its message, a proposed solution by its event.
 */
export const noticeForEvent = async (
  deps: ChangeMailDeps,
  event: TicketEvent,
): Promise<NoticeRequest | null> => {
  const type = event.type as TicketEventType;
  if (!(requesterMailEvents as readonly string[]).includes(type)) return null;

  const ticket = await deps.tickets.getTicket(event.ticketId, { consistent: true });
  if (!ticket) throw new ChangeNotVisible(`Ticket ${event.ticketId}`);
  const message = async (): Promise<Message | null> => {
    if (!event.note) return null;
    const found = await deps.tickets.getMessage(ticket.id, event.note, { consistent: true });
    if (!found) throw new ChangeNotVisible(`Message ${event.note} of ticket ${ticket.id}`);
    return found;
  };

  switch (type) {
    case 'ticket.created': {
      // Opened by an automatic mail (or a sender who had enough replies this hour): never answer it.
      if (ticket.noAutoReply) return null;
      // The files the request came with open the conversation in the create's own transaction
      // (a mail's, docs/mail.md): the event names that message.
      const opening = await message();
      const files = opening && !opening.internal ? (opening.attachments ?? []) : [];
      return {
        key: notificationKeys.acknowledgement(ticket.id),
        ticket,
        notice: { kind: 'acknowledgement', ...(files.length ? { files } : {}) },
      };
    }
    case 'message.added':
    case 'ticket.reopened': {
      const reply = await message();
      if (!reply || !isStaffReply(reply)) return null;
      return {
        key: notificationKeys.agentReply(ticket.id, reply.id),
        ticket,
        notice: { kind: 'agentReply', message: reply },
      };
    }
    case 'ticket.resolved': {
      // Reopened (or closed) before this mail went out: the solution is no longer on offer.
      if (ticket.status !== 'resolved') return null;
      const solution = await message();
      return {
        key: notificationKeys.resolutionProposed(ticket.id, event.id),
        ticket,
        notice: {
          kind: 'resolutionProposed',
          solution: solution && !solution.internal ? solution.body : null,
          autoCloseAt: deps.autoCloseAt?.(ticket) ?? null,
          ...(solution && !solution.internal && solution.attachments?.length
            ? { files: solution.attachments }
            : {}),
        },
      };
    }
    case 'ticket.merged': {
      // The event names the ticket it continues in; the mail threads with the merged one.
      const into = event.note ? await deps.tickets.getTicket(event.note, { consistent: true }) : null;
      if (!into) throw new ChangeNotVisible(`The ticket ${ticket.id} was merged into`);
      return {
        key: notificationKeys.merged(ticket.id),
        ticket,
        notice: {
          kind: 'ticketMerged',
          into: { id: into.id, reference: into.reference, subject: into.subject },
        },
      };
    }
    case 'sla.auto-closed':
      return {
        key: notificationKeys.autoClosed(ticket.id),
        ticket,
        notice: { kind: 'autoClosed', closedAt: event.at },
      };
    default:
      return null;
  }
};

/**
 * Mails what the event causes, through the notifier's exactly-once records. A failed send
 * throws (the stream retries the record, then hands it to the dead-letter queue); a retry
 * sends only what is still missing.
 */
export const mailForEvent = async (
  deps: ChangeMailDeps,
  event: TicketEvent,
): Promise<{ request: NoticeRequest; outcome: NoticeOutcome } | null> => {
  const request = await noticeForEvent(deps, event);
  if (!request) return null;
  return { request, outcome: await deps.notifier.notify(request) };
};
