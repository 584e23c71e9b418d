import type * as z from 'zod';
import type { Message, MessageAttachment, UserRef } from '#tickets/schemas.js';
import type { SlaBreach } from '#tickets/sla-state.js';
import { agentNotificationKinds } from './agent-notification-kinds.js';

/**
 * What the help desk tells people by mail. A notice is the fact to tell ("50 % of the time to
 * open has passed"); the templates turn it into a mail per recipient, in the recipient's language.
 */
export const noticeKinds = [
  'acknowledgement',
  'agentReply',
  'reminder',
  'escalation',
  'requeued',
  'resolutionProposed',
  'autoClosed',
  'ticketMerged',
  ...agentNotificationKinds,
  'rule',
] as const;
export type NoticeKind = (typeof noticeKinds)[number];

/** The notices only agents, leads and admins receive (the others go to the requester). */
export const staffNoticeKinds: ReadonlySet<NoticeKind> = new Set([
  'reminder',
  'escalation',
  'requeued',
  ...agentNotificationKinds,
]);

export type SlaClock = z.infer<typeof SlaBreach>['clock'];
export type ReminderClock = Exclude<SlaClock, 'totalServiceTime'>;
export type EscalationLevel = 'atRisk' | 'breach';

/** The files of the message a notice is about, as a mail lists them (name and size, no content). */
export type MailFiles = readonly Pick<MessageAttachment, 'fileName' | 'size'>[];

export type Notice =
  /** To the requester when the ticket is created: reference, summary, next steps, expected times. */
  | { kind: 'acknowledgement'; files?: MailFiles }
  /** To the requester when an agent answers publicly (never for internal notes). */
  | { kind: 'agentReply'; message: Pick<Message, 'id' | 'body' | 'internal' | 'author' | 'attachments'> }
  /** To the assignee, or to the queue's agents when nobody is assigned. */
  | { kind: 'reminder'; clock: ReminderClock; fraction: number; dueAt: string }
  /** To the leads; on a breach of the total service time to the admins as well. */
  | { kind: 'escalation'; clock: SlaClock; level: EscalationLevel; dueAt: string }
  /** To the queue's agents when an assigned ticket was not picked up in time. */
  | { kind: 'requeued'; previousAssignee: UserRef | null }
  /** To the requester: the proposed solution with accept and reopen links. */
  | {
      kind: 'resolutionProposed';
      solution: string | null;
      autoCloseAt: string | null;
      files?: MailFiles;
    }
  /** To the requester when a resolved ticket closed itself: with a feedback link. */
  | { kind: 'autoClosed'; closedAt: string }
  /** To the requester when their ticket was merged into another: where the conversation continues. */
  | { kind: 'ticketMerged'; into: { id: string; reference: string; subject: string } }
  /** Agent notifications (docs/notifications.md), each to one staff member named by the consumer. */
  /** To the queue's agents: a new ticket arrived (with the files it came with, as the acknowledgement lists them). */
  | { kind: 'ticketCreated'; files?: MailFiles }
  /** To the assignee (or the queue's agents): the client wrote. */
  | { kind: 'clientReplied'; authorName: string; body: string; files?: MailFiles }
  /** To the assignee (or the queue's agents): the client rejected the solution. */
  | { kind: 'ticketReopened'; authorName: string; body: string | null; files?: MailFiles }
  /** To the new assignee. */
  | { kind: 'ticketAssigned'; assignedBy: string }
  /** To a colleague named with `@name` in an internal note. */
  | { kind: 'mentioned'; authorName: string; body: string; files?: MailFiles }
  /**
   * An automation rule's `sendMail` (docs/mail-templates.md): the stored template `rule.<name>`
   * (the built-in text while none is stored) to the requester, the assignee or the queue's agents.
   */
  | { kind: 'rule'; template: string; to: 'requester' | 'assignee' | 'queue' };

export type NoticeOf<K extends NoticeKind> = Extract<Notice, { kind: K }>;

/**
 * Identifies one notice of one ticket: at most one mail per recipient is ever sent for it.
 * Stored as `keys.notification(ticketId, clock, level)` in the single-table model.
 */
export interface NotificationKey {
  ticketId: string;
  /** The clock or topic: timeToOpen, timeToResolve, totalServiceTime, pickup, acknowledgement, … */
  clock: string;
  /** What distinguishes repeated notices of one clock: a fraction, 'breach', a generation, an id. */
  level: string;
}

/**
 * The usual keys. Notices that can repeat in a ticket's life (a re-queue after every missed
 * pickup, a proposed solution after every reopen) take what makes each occurrence unique.
 */
export const notificationKeys = {
  acknowledgement: (ticketId: string): NotificationKey => ({
    ticketId,
    clock: 'acknowledgement',
    level: 'created',
  }),
  agentReply: (ticketId: string, messageId: string): NotificationKey => ({
    ticketId,
    clock: 'reply',
    level: messageId,
  }),
  /** One reminder per clock and fraction, e.g. (timeToOpen, 0.5) → level `reminder-50`. */
  reminder: (ticketId: string, clock: ReminderClock, fraction: number): NotificationKey => ({
    ticketId,
    clock,
    level: `reminder-${Math.round(fraction * 100)}`,
  }),
  escalation: (ticketId: string, clock: SlaClock, level: EscalationLevel): NotificationKey => ({
    ticketId,
    clock,
    level: level === 'atRisk' ? 'at-risk' : 'breach',
  }),
  /** `occurrence` tells re-queues apart, e.g. the schedule generation of the pickup check. */
  requeued: (ticketId: string, occurrence: string | number): NotificationKey => ({
    ticketId,
    clock: 'pickup',
    level: `requeue-${occurrence}`,
  }),
  /** `occurrence` tells resolutions apart, e.g. the ticket version written by the resolve. */
  resolutionProposed: (ticketId: string, occurrence: string | number): NotificationKey => ({
    ticketId,
    clock: 'resolution',
    level: `proposed-${occurrence}`,
  }),
  autoClosed: (ticketId: string): NotificationKey => ({ ticketId, clock: 'auto-close', level: 'closed' }),
  /** A ticket is merged once (`merged` is final). */
  merged: (ticketId: string): NotificationKey => ({ ticketId, clock: 'merge', level: 'merged' }),
  /**
   * An agent notification: one per ticket event and recipient, so a repeated stream record
   * sends nothing twice and two people told of one event are two notices.
   */
  agent: (ticketId: string, eventId: string, userId: string): NotificationKey => ({
    ticketId,
    clock: 'agent',
    level: `${eventId}-${userId}`,
  }),
};
