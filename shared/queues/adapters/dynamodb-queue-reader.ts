import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '#identity/audit.js';
import { staleOrMissing } from '#platform/adapters/audited-document.js';
import { Conflict } from '#platform/errors.js';
import { auditPut } from '#platform/table/audit.js';
import { ITEM_ABSENT, ITEM_PRESENT } from '#platform/table/key.js';
import { keyCondition } from '#platform/table/query.js';
import { QUEUE_COUNT_SHARDS, queueCountShardEntity, queueEntity } from '#platform/table/queue.js';
import { ticketStatuses } from '#tickets/status.js';
import type { QueueStore } from '../ports.js';
import { type Queue, QueueDefinition } from '../queue.js';

const withCounts = (definition: QueueDefinition): Queue => ({
  ...definition,
  counts: Object.fromEntries(ticketStatuses.map((status) => [status, 0])),
});

/**
 * The queues with their ticket counts per status, summed over each queue's count shards; and
 * the admin's writes, each with its audit record in one transaction.
 */
export class DynamoQueueReader implements QueueStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(): Promise<Queue[]> {
    // One Query returns every queue definition and its count shards (bounded: queues × shards).
    const result = await this.db.send(
      new QueryCommand({ TableName: this.tableName, ...keyCondition(queueEntity.queries.all()) }),
    );
    return this.assemble(result.Items ?? []);
  }

  async get(id: string): Promise<Queue | null> {
    // The queue and its shards share the prefix `QUEUE#<id>` (with any queue whose id extends it).
    const result = await this.db.send(
      new QueryCommand({ TableName: this.tableName, ...keyCondition(queueEntity.queries.one(id)) }),
    );
    return this.assemble(result.Items ?? []).find((queue) => queue.id === id) ?? null;
  }

  private assemble(items: Record<string, unknown>[]): Queue[] {
    const queues = new Map<string, Queue>();
    const shards: { queue: string; counts: Record<string, number> }[] = [];
    for (const item of items) {
      const parsed = queueEntity.parse(item);
      if (!parsed) continue;
      if (parsed.countShard)
        shards.push({ queue: parsed.queueId, counts: (item.counts as Record<string, number>) ?? {} });
      else
        queues.set(
          parsed.queueId,
          withCounts(
            QueueDefinition.parse({ ...item, id: parsed.queueId, name: item.name ?? parsed.queueId }),
          ),
        );
    }
    for (const { queue, counts } of shards) {
      const target = queues.get(queue);
      if (!target) continue;
      for (const [status, n] of Object.entries(counts))
        target.counts[status] = (target.counts[status] ?? 0) + Number(n);
    }
    return [...queues.values()];
  }

  async create(queue: QueueDefinition, audit: AuditEntry<QueueDefinition>): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...queueEntity.item(queue.id), ...queue },
                ConditionExpression: ITEM_ABSENT,
              },
            },
            ...Array.from({ length: QUEUE_COUNT_SHARDS }, (_, shard) => ({
              Put: {
                TableName: this.tableName,
                Item: { ...queueCountShardEntity.item(queue.id, shard), counts: {} },
                ConditionExpression: ITEM_ABSENT,
              },
            })),
            auditPut(this.tableName, 'QUEUE', queue.id, queue.version, audit),
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException)
        throw new Conflict(`There is a queue '${queue.id}' already`, [
          { path: 'id', message: 'Taken: choose another id' },
        ]);
      throw error;
    }
  }

  async update(
    queue: QueueDefinition,
    expectedVersion: number,
    audit: AuditEntry<QueueDefinition>,
  ): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...queueEntity.item(queue.id), ...queue },
                // Queues seeded before routing carry no version: they are at 1.
                ConditionExpression:
                  expectedVersion === 1
                    ? `${ITEM_PRESENT} AND (attribute_not_exists(#version) OR #version = :expected)`
                    : `${ITEM_PRESENT} AND #version = :expected`,
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': expectedVersion },
              },
            },
            auditPut(this.tableName, 'QUEUE', queue.id, queue.version, audit),
          ],
        }),
      );
    } catch (error) {
      await staleOrMissing(error, () => this.get(queue.id), {
        changed: 'The queue changed since you read it: reload and retry',
        missing: `There is no queue '${queue.id}'`,
      });
    }
  }
}
