import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keyCondition } from '#platform/table/query.js';
import { queueEntity } from '#platform/table/queue.js';
import { ticketStatuses } from '#tickets/status.js';
import type { QueueDirectory } from '../ports.js';
import type { Queue } from '../queue.js';

/** The queues with their ticket counts per status, summed over each queue's count shards. */
export class DynamoQueueReader implements QueueDirectory {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(): Promise<Queue[]> {
    // One Query returns every queue definition and its count shards (bounded: queues × shards).
    const result = await this.db.send(
      new QueryCommand({ TableName: this.tableName, ...keyCondition(queueEntity.queries.all()) }),
    );
    const queues = new Map<string, Queue>();
    const shards: { queue: string; counts: Record<string, number> }[] = [];
    for (const item of result.Items ?? []) {
      const parsed = queueEntity.parse(item);
      if (!parsed) continue;
      if (parsed.countShard)
        shards.push({ queue: parsed.queueId, counts: (item.counts as Record<string, number>) ?? {} });
      else
        queues.set(parsed.queueId, {
          id: parsed.queueId,
          name: String(item.name ?? parsed.queueId),
          counts: Object.fromEntries(ticketStatuses.map((status) => [status, 0])),
        });
    }
    for (const { queue, counts } of shards) {
      const target = queues.get(queue);
      if (!target) continue;
      for (const [status, n] of Object.entries(counts))
        target.counts[status] = (target.counts[status] ?? 0) + Number(n);
    }
    return [...queues.values()];
  }
}
