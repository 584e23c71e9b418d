import { BatchWriteCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { reportCsatEntity, reportFactEntity, reportTopicEntity } from '#platform/table/report.js';
import { type CellSum, groupCells, periodOf } from '../cells.js';
import type { CsatResponse, ReportStore, ReportWrite } from '../ports.js';
import type { ReportFact } from '../ticket-fact.js';
import type { TopicMention } from '../topics.js';
import { cellItemOf, cellUpdate, type TransactItem, topicUpdate } from './dynamodb-report-store.js';

const BATCH = 25;
const PARALLEL = 8;

/**
 * A report store for counting many past tickets at once (the demo history, local/demo-history.ts):
 * the same use cases record every change, but into memory — facts, cells summed, ratings and topic
 * counts — and `flush` writes the result in batches (`putItems` writes other items the same way) instead of a transaction per change. Cells and
 * topics of the current hour, day or month are added (`ADD`, as the consumer does), so live
 * changes counted meanwhile stay; older ones are put whole. Only for tickets the aggregates do not
 * count yet (new ids); it reads nothing back.
 */
export class DynamoBulkReportStore implements Pick<ReportStore, 'fact' | 'record'> {
  private readonly known = new Map<string, ReportFact>();
  private readonly sums = new Map<string, CellSum>();
  private readonly ratings: CsatResponse[] = [];
  private readonly topicCounts = new Map<
    string,
    { day: string; mention: TopicMention; count: number; example: string }
  >();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Aborted: the writes stop after the batches under way (a stopping `npm start`). */
    private readonly signal?: AbortSignal,
  ) {}

  async fact(ticketId: string): Promise<ReportFact | null> {
    return this.known.get(ticketId) ?? null;
  }

  async record(write: ReportWrite): Promise<'recorded' | 'already'> {
    const known = this.known.get(write.ticketId);
    if (known && write.changeId !== 'feedback' && known.version >= write.fact.version) return 'already';
    this.known.set(write.ticketId, write.fact);
    groupCells(write.contributions, this.sums);
    if (write.csat) this.ratings.push(write.csat);
    for (const mention of write.topics?.mentions ?? []) {
      const day = write.topics?.day ?? '';
      const key = `${day}|${mention.kind}|${mention.topic}`;
      const counted = this.topicCounts.get(key) ?? { day, mention, count: 0, example: '' };
      counted.count++;
      counted.example = write.topics?.reference ?? counted.example;
      this.topicCounts.set(key, counted);
    }
    return 'recorded';
  }

  /** Writes everything recorded: how many items. */
  async flush(now = new Date()): Promise<number> {
    const current = new Set(
      (['hour', 'day', 'month'] as const).map((level) => periodOf(level, now.toISOString())),
    );
    const today = now.toISOString().slice(0, 10);
    const puts: Record<string, unknown>[] = [];
    const updates: TransactItem[] = [];
    for (const fact of this.known.values())
      puts.push({ ...reportFactEntity.item(fact.ticketId, fact.createdAt), ...fact });
    for (const rating of this.ratings)
      puts.push({ ...reportCsatEntity.item(rating.createdAt, rating.ticketId), ...rating });
    for (const cell of this.sums.values()) {
      if (current.has(cell.period)) updates.push(cellUpdate(this.tableName, cell));
      else puts.push(cellItem(cell));
    }
    for (const { day, mention, count, example } of this.topicCounts.values()) {
      if (day === today) updates.push(topicUpdate(this.tableName, day, mention, example, count));
      else
        puts.push({
          ...reportTopicEntity.item(day, mention.kind, mention.topic),
          label: mention.label,
          example,
          count,
        });
    }
    await this.putItems(puts);
    await inParallel(this.signal, updates, (update) =>
      update.Update
        ? this.db.send(new UpdateCommand(update.Update)).then(() => undefined)
        : Promise.resolve(),
    );
    return puts.length + updates.length;
  }

  /** Puts items in batches of 25, a few batches side by side: how many. */
  async putItems(items: readonly Record<string, unknown>[]): Promise<number> {
    const batches: Record<string, unknown>[][] = [];
    for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH));
    await inParallel(this.signal, batches, (batch) => this.putBatch(batch));
    return items.length;
  }

  private async putBatch(items: Record<string, unknown>[]): Promise<void> {
    let requests = items.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 8) throw new Error(`${requests.length} report items were not written`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const result = await this.db.send(
        new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
      );
      requests = (result.UnprocessedItems?.[this.tableName] ?? []).flatMap((request) =>
        request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : [],
      );
    }
  }
}

const cellItem = (cell: CellSum): Record<string, unknown> => ({
  ...cellItemOf(cell),
  ...(cell.agentName ? { agentName: cell.agentName } : {}),
  ...Object.fromEntries(Object.entries(cell.values).filter(([, value]) => value !== 0)),
});

/** Runs `work` over the items, `PARALLEL` at a time, until done or aborted. */
const inParallel = async <T>(
  signal: AbortSignal | undefined,
  items: readonly T[],
  work: (item: T) => Promise<void>,
): Promise<void> => {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
};
