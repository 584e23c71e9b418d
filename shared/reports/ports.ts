import type { Page } from '#platform/ports.js';
import type { Cell, CellView, Contribution } from './cells.js';
import type { PeriodRange } from './query.js';
import type { ReportFact } from './ticket-fact.js';
import type { TopicKind, TopicMention } from './topics.js';

/** A rating with its comment, as the CSAT report lists it. */
export interface CsatResponse {
  ticketId: string;
  reference: string;
  rating: number;
  comment: string | null;
  createdAt: string;
  agentId: string | null;
  agentName: string | null;
  orgId: string;
  queue: string;
  priority: string;
  category: string | null;
}

/** Everything one ticket change adds to the reports: applied once per `changeId`, or not at all. */
export interface ReportWrite {
  ticketId: string;
  /** Unique per ticket change (`v<version>`, `feedback`): a second write with it changes nothing. */
  changeId: string;
  fact: ReportFact;
  contributions: readonly Contribution[];
  csat?: CsatResponse;
  /** Topic mentions of a new ticket, counted on its creation day. */
  topics?: { day: string; reference: string; mentions: readonly TopicMention[] };
}

export interface TopicCount {
  day: string;
  kind: TopicKind;
  topic: string;
  label: string;
  count: number;
  /** The reference of the latest ticket that mentioned it that day. */
  example: string;
}

export interface CsatPageQuery {
  /** Instants, inclusive start and exclusive end. */
  from: string;
  to: string;
  limit: number;
  cursor?: string | undefined;
}

/** One deflection a client reported: counted once per session key, at most `dailyCap` a day. */
export interface DeflectionWrite {
  userId: string;
  orgId: string;
  sessionKey: string;
  at: string;
  dailyCap: number;
}

/** A period range of one view of the cells (cells.ts `CellView`): detail, totals or a roll-up. */
export type CellQuery = PeriodRange & { view: CellView };

/** The report aggregates (shared/platform/table/report.ts). */
export interface ReportStore {
  /** 'already' for a session key counted before, 'capped' when the client's day is full. */
  recordDeflection(write: DeflectionWrite): Promise<'recorded' | 'already' | 'capped'>;
  fact(ticketId: string): Promise<ReportFact | null>;
  /** 'already' when the change was counted before (a repeated stream record). */
  record(write: ReportWrite): Promise<'recorded' | 'already'>;
  /** The cells of a period range in one view (one Query, paged to its end). */
  cells(query: CellQuery): Promise<Cell[]>;
  /** Ratings newest first, filtered in memory by the caller. */
  csat(query: CsatPageQuery): Promise<Page<CsatResponse>>;
  /** Topic counts of the days `from`…`to` (inclusive, `YYYY-MM-DD`). */
  topics(fromDay: string, toDay: string): Promise<TopicCount[]>;
  /**
   * Facts of the tickets created in one month (`yyyy-mm`) and in `[from, to)` (instants), oldest
   * first, a page at a time.
   */
  facts(
    query: { month: string; from: string; to: string },
    cursor?: Record<string, unknown>,
  ): Promise<{ items: ReportFact[]; next?: Record<string, unknown> }>;
}

/** The DynamoDB calls a report made, for the bench and the tests. */
export interface CallCounter {
  calls: number;
}
