import type { Author, Ticket, UserRef } from '#tickets/schemas.js';
import type { SlaCalendar } from './calendar.js';
import type { SlaNotice } from './clocks.js';
import type { SlaCheckPayload } from './payload.js';
import type { SlaPolicy } from './policy.js';

/**
 * One-shot timers that deliver an SLA check at its due time (EventBridge Scheduler in the
 * cloud, an in-process scheduler locally). Both operations are idempotent so a retried
 * request never leaves a second timer behind.
 */
export interface Scheduler {
  /** Creates the timer `name` firing `payload` at `payload.dueAt`; a timer of that name already armed counts as done. */
  arm(name: string, payload: SlaCheckPayload): Promise<void>;
  /** Deletes the timer; one that already fired or was deleted counts as done. */
  cancel(name: string): Promise<void>;
}

/** The SLA configuration: the ordered policies and the stored calendars (24×7 is built in). */
export interface SlaConfiguration {
  policies: SlaPolicy[];
  calendars: SlaCalendar[];
  /** The version of the policy list, its ETag; 0 while the defaults were never saved. */
  version: number;
  updatedAt: string | null;
}

/** Whom a policy change applies to: new tickets only (open ones keep theirs), or open ones too. */
export type ApplyTo = 'new' | 'open';

export interface PolicyChange {
  policies: SlaPolicy[];
  /** `open` also starts the re-application job (one per version) that the sla-reapply consumer runs. */
  applyTo?: ApplyTo;
  previous: SlaPolicy[];
  /** The version the change was computed from; the save fails if the stored one differs. */
  expectedVersion: number;
  actor: Author;
  at: string;
}

export interface SlaConfigStore {
  load(): Promise<SlaConfiguration>;
  /**
   * Stores the policies as version `expectedVersion + 1` together with a change record (who,
   * when, before and after), atomically. Throws PreconditionFailed when the stored version moved.
   */
  savePolicies(change: PolicyChange): Promise<number>;
  saveCalendar(calendar: SlaCalendar): Promise<void>;
}

export interface VersionedCalendar {
  calendar: SlaCalendar;
  /** 0 for a calendar the seed or a script stored without one. */
  version: number;
}

export interface CalendarChange {
  calendar: SlaCalendar;
  previous: SlaCalendar | null;
  /** null: the calendar must not exist yet. */
  expectedVersion: number | null;
  actor: Author;
  at: string;
}

/** Calendars as the admin routes edit them: versioned, each save audited (who, when, before → after). */
export interface CalendarStore {
  getCalendar(id: string): Promise<VersionedCalendar | null>;
  listCalendars(): Promise<VersionedCalendar[]>;
  /** PreconditionFailed when the stored version is not `expectedVersion`. */
  putCalendar(change: CalendarChange): Promise<number>;
}

/** One saved version of the policy list, as the audit keeps it. */
export interface PolicyChangeRecord {
  version: number;
  at: string;
  actor: Author;
  applyTo: ApplyTo;
  before: SlaPolicy[];
  after: SlaPolicy[];
}

export interface PolicyHistory {
  /** Saved versions newest first, at most `limit`, only those older than `beforeVersion` when given. */
  history(limit: number, beforeVersion?: number): Promise<PolicyChangeRecord[]>;
}

/**
 * The re-application of a saved policy list to the open tickets, in bounded steps: each step
 * handles one page of one status and stores where the next one starts. Storing a step is a
 * change the stream delivers again, so the job walks itself to the end (docs/sla.md).
 */
export interface ReapplyJob {
  version: number;
  /** Statuses still to walk, the current one first. */
  statuses: string[];
  /** Where the current status continues; null: from its start. */
  after: string | null;
  step: number;
  examined: number;
  applied: number;
  done: boolean;
  startedAt: string;
  updatedAt: string;
}

export interface ReapplyJobStore {
  /** Stores the job's next step, conditioned on the step it was computed from; false if another run got there first. */
  advance(job: ReapplyJob, from: number): Promise<boolean>;
}

/** Open tickets by status, a bounded page at a time, for the preview and the re-application job. */
export interface OpenTicketPages {
  page(
    status: string,
    limit: number,
    after: string | null,
  ): Promise<{ tickets: Ticket[]; next: string | null }>;
  /** How many tickets are not closed or merged (the queue counts, one Query). */
  countOpen(): Promise<number>;
}

/** A reminder, escalation, re-queue or auto-close notice, as a check settled it `at`. */
export interface SlaMailNotice {
  notice: SlaNotice;
  /** The assignee before a re-queue removed them. */
  previousAssignee: UserRef | null;
  at: string;
}

/**
 * Sends the SLA notices about a ticket (the mail module; the mails a change itself causes are
 * its own ticket hooks). Idempotent per notice: one notification record per ticket, clock and
 * level, so calling it again after a failure sends only what is missing.
 */
export interface SlaMail {
  send(ticket: Ticket, notice: SlaMailNotice): Promise<void>;
}

/** Structured logging, as the functions' powertools logger offers it. */
export interface Log {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
}
