import type { Page } from '#platform/ports.js';
import {
  addValues,
  type Cell,
  type CellSum,
  type CellView,
  type Contribution,
  groupCells,
} from '#reports/cells.js';
import type {
  CellQuery,
  CsatPageQuery,
  CsatResponse,
  DeflectionWrite,
  ReportStore,
  ReportWrite,
  TopicCount,
} from '#reports/ports.js';
import type { ReportFact } from '#reports/ticket-fact.js';

/**
 * The ReportStore port in memory, for the large correctness test (test/reports/correctness-
 * in-memory.test.ts): it keeps what the domain hands it and answers the same questions, nothing
 * more. Which cells a change adds to — hours, days, months, the totals, the roll-ups — is the
 * domain's `groupCells` (shared/reports/cells.ts), the same the DynamoDB store writes; here the
 * sums are only stored, one map per level and view, and read back by period range.
 */
export class MemoryReportStore implements ReportStore {
  private readonly facts_ = new Map<string, ReportFact>();
  private readonly seen = new Set<string>();
  private readonly cellsByView = new Map<string, Map<string, CellSum>>();
  private readonly ratings: CsatResponse[] = [];
  private readonly topicCounts = new Map<string, TopicCount>();
  /** Every write the store applied (not the repeats), for the test's own checks. */
  writes = 0;

  async fact(ticketId: string): Promise<ReportFact | null> {
    return this.facts_.get(ticketId) ?? null;
  }

  async record(write: ReportWrite): Promise<'recorded' | 'already'> {
    const marker = `${write.ticketId}|${write.changeId}`;
    if (this.seen.has(marker)) return 'already';
    this.seen.add(marker);
    this.writes++;
    this.addCells(write.contributions);
    if (write.csat) this.ratings.push(write.csat);
    for (const mention of write.topics?.mentions ?? []) {
      const day = write.topics?.day ?? '';
      const key = `${day}|${mention.kind}|${mention.topic}`;
      const count = this.topicCounts.get(key) ?? {
        day,
        kind: mention.kind,
        topic: mention.topic,
        label: mention.label,
        count: 0,
        example: '',
      };
      count.count++;
      count.example = write.topics?.reference ?? count.example;
      this.topicCounts.set(key, count);
    }
    this.facts_.set(write.ticketId, write.fact);
    return 'recorded';
  }

  async recordDeflection(write: DeflectionWrite): Promise<'recorded' | 'already' | 'capped'> {
    const marker = `${write.userId}|deflection|${write.sessionKey}`;
    if (this.seen.has(marker)) return 'already';
    this.seen.add(marker);
    const dims = { orgId: write.orgId, queue: '', priority: '', category: '', agent: '' };
    this.addCells([{ at: write.at, dims, values: { deflections: 1 } }]);
    return 'recorded';
  }

  private addCells(contributions: readonly Contribution[]): void {
    for (const cell of groupCells(contributions)) {
      const view = viewKey(cell.level, cell.view);
      const cells = this.cellsByView.get(view) ?? new Map<string, CellSum>();
      const { orgId, queue, priority, category, agent } = cell.dims;
      const key = [cell.period, orgId, queue, priority, category, agent].join('\u0000');
      const kept = cells.get(key) ?? { ...cell, values: {} };
      addValues(kept.values, cell.values);
      if (cell.agentName) kept.agentName = cell.agentName;
      cells.set(key, kept);
      this.cellsByView.set(view, cells);
    }
  }

  async cells(query: CellQuery): Promise<Cell[]> {
    const cells = this.cellsByView.get(viewKey(query.level, query.view)) ?? new Map<string, CellSum>();
    const { view } = query;
    return [...cells.values()].filter(
      (cell) =>
        cell.period >= query.fromPeriod &&
        cell.period <= query.toPeriod &&
        (view.kind !== 'value' || cell.dims[view.dimension] === view.value),
    );
  }

  async csat(query: CsatPageQuery): Promise<Page<CsatResponse>> {
    const offset = Number(query.cursor ?? 0);
    const all = this.ratings
      .filter((rating) => rating.createdAt >= query.from && rating.createdAt < query.to)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.ticketId.localeCompare(a.ticketId));
    const items = all.slice(offset, offset + query.limit);
    return { items, nextCursor: offset + query.limit < all.length ? String(offset + query.limit) : null };
  }

  async topics(fromDay: string, toDay: string): Promise<TopicCount[]> {
    return [...this.topicCounts.values()].filter((count) => count.day >= fromDay && count.day <= toDay);
  }

  async facts(query: { month: string; from: string; to: string }, cursor?: Record<string, unknown>) {
    const offset = Number(cursor?.offset ?? 0);
    const all = [...this.facts_.values()]
      .filter(
        (fact) =>
          fact.createdAt.startsWith(query.month) && fact.createdAt >= query.from && fact.createdAt < query.to,
      )
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.ticketId.localeCompare(b.ticketId));
    const items = all.slice(offset, offset + 500);
    return { items, ...(offset + 500 < all.length ? { next: { offset: offset + 500 } } : {}) };
  }
}

/** One map per level and view: a value roll-up's cells of every dimension share one. */
const viewKey = (level: string, view: CellView) =>
  `${level}|${view.kind === 'value' ? `value:${view.dimension}` : view.kind}`;
