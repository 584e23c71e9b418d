import type { Priority } from '#tickets/schemas.js';
import type { MailLanguage } from '../locale.js';
import type { EscalationLevel, NoticeKind, ReminderClock, SlaClock } from '../notices.js';

/**
 * A mail's content as structured blocks of plain text. Templates never write markup: the
 * renderer turns blocks into plain text and into HTML, escaping every value on the way, so a
 * translation cannot open a hole for injected HTML.
 */
export type Block =
  | { type: 'paragraph'; text: string }
  /** An admin's template text (docs/mail-templates.md): a paragraph whose web addresses become links. */
  | { type: 'text'; text: string }
  /** Label/value pairs, e.g. the reference and the due time. */
  | { type: 'facts'; items: readonly (readonly [label: string, value: string])[] }
  /** Text someone wrote (a reply, a solution, a summary): kept as written, line breaks included. */
  | { type: 'quote'; text: string }
  | { type: 'steps'; items: readonly string[] }
  | { type: 'actions'; links: readonly { label: string; url: string }[] }
  /**
   * The files that came with the message a mail is about: names and sizes, each linking to the
   * ticket in the portal (never the file itself: a mail does not carry or hand out files).
   */
  | { type: 'files'; title: string; items: readonly { name: string; size: string; url: string }[] };

export interface MailContent {
  /** The subject without the `[reference]` prefix, which the renderer adds to every mail. */
  subject: string;
  blocks: Block[];
}

/** What every template knows. Dates and percentages arrive formatted for the recipient. */
export interface CommonVars {
  reference: string;
  ticketSubject: string;
  recipientName: string;
  ticketUrl: string;
  priority: Priority;
  queue: string;
}

export interface AcknowledgementVars extends CommonVars {
  summary: string;
  firstResponseDue: string | null;
  resolutionDue: string | null;
}

export interface AgentReplyVars extends CommonVars {
  agentName: string;
  body: string;
}

export interface ReminderVars extends CommonVars {
  clock: ReminderClock;
  /** The elapsed share of the target, formatted, e.g. "80 %". */
  elapsed: string;
  dueAt: string;
  /** Null when the reminder goes to the queue because nobody is assigned. */
  assigneeName: string | null;
}

export interface EscalationVars extends CommonVars {
  clock: SlaClock;
  level: EscalationLevel;
  dueAt: string;
  assigneeName: string | null;
}

export interface RequeuedVars extends CommonVars {
  previousAssigneeName: string | null;
}

export interface ResolutionProposedVars extends CommonVars {
  agentName: string | null;
  solution: string | null;
  acceptUrl: string;
  reopenUrl: string;
  autoCloseAt: string | null;
}

export interface AutoClosedVars extends CommonVars {
  closedAt: string;
  feedbackUrl: string;
}

/** The requester's ticket was merged into another one. */
export interface TicketMergedVars extends CommonVars {
  targetReference: string;
  targetSubject: string;
  targetUrl: string;
}

/** A new ticket, to the queue's agents. */
export interface TicketCreatedVars extends CommonVars {
  requesterName: string;
  summary: string;
}

/** A client's reply, to the assignee or the queue's agents. */
export interface ClientRepliedVars extends CommonVars {
  authorName: string;
  body: string;
}

/** A reopened ticket, with the client's reason when they gave one. */
export interface TicketReopenedVars extends CommonVars {
  authorName: string;
  body: string | null;
}

export interface TicketAssignedVars extends CommonVars {
  /** Who assigned the ticket to the recipient. */
  assignedBy: string;
}

/** An internal note that names the recipient with `@name`. */
export interface MentionedVars extends CommonVars {
  authorName: string;
  body: string;
}

/** What a rule's mail knows: the ticket as it is when the rule's mail is sent. */
export interface RuleMailVars extends CommonVars {
  status: string;
  requesterName: string;
  assigneeName: string | null;
}

export interface VarsByKind {
  acknowledgement: AcknowledgementVars;
  agentReply: AgentReplyVars;
  reminder: ReminderVars;
  escalation: EscalationVars;
  requeued: RequeuedVars;
  resolutionProposed: ResolutionProposedVars;
  autoClosed: AutoClosedVars;
  ticketMerged: TicketMergedVars;
  ticketCreated: TicketCreatedVars;
  clientReplied: ClientRepliedVars;
  ticketReopened: TicketReopenedVars;
  ticketAssigned: TicketAssignedVars;
  mentioned: MentionedVars;
  rule: RuleMailVars;
}

/**
 * One language's templates: a function per notice kind, plus the footer every mail ends with:
 * clients are asked to keep the reference in the subject, staff only see the reference.
 */
export type Catalog = {
  language: MailLanguage;
  footer: (vars: CommonVars) => string;
  staffFooter: (vars: CommonVars) => string;
  /** Staff: a reply to this mail answers the client (only when inbound mail is configured). */
  replyByMail: (vars: CommonVars) => string;
  /** The heading of a mail's list of attached files (they open on the ticket in the portal). */
  files: (count: number) => string;
  /** The priority as the language names it (the `{{priority}}` of a stored template). */
  priorityLabel: (priority: Priority) => string;
} & {
  [K in NoticeKind]: (vars: VarsByKind[K]) => MailContent;
};
