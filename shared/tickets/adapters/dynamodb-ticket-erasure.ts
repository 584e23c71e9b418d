import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { Contended, PreconditionFailed } from '#platform/errors.js';
import { agentStateEntity } from '#platform/table/agent-state.js';
import { ticketReferenceEntity } from '#platform/table/inbound-mail.js';
import { ITEM_ABSENT, ITEM_PRESENT, type Key, PARTITION_KEY, SORT_KEY } from '#platform/table/key.js';
import { queueCountShardEntity } from '#platform/table/queue.js';
import { reportCsatEntity, reportFactEntity } from '#platform/table/report.js';
import {
  eventEntity,
  feedbackEntity,
  messageEntity,
  ticketEntity,
  ticketPartition,
} from '#platform/table/ticket.js';
import { ticketErasureEntity } from '#platform/table/ticket-erasure.js';
import type { TicketErasure, TicketErasureStore, TicketRemains } from '../ports.js';
import type { Ticket } from '../schemas.js';
import { loadsAssignee } from '../status.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const MAX_CONFLICT_RETRIES = 6;
/** BatchWriteItem takes at most 25 requests. */
const BATCH = 25;
/** Rounds of BatchWriteItem for the items DynamoDB left unprocessed, before the record is retried. */
const MAX_UNPROCESSED_ROUNDS = 8;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The deletion of a ticket over the single table (docs/data-model.md): the request's one
 * transaction, and the stream consumer's erasure of what is left of the partition.
 */
export class DynamoTicketErasure implements TicketErasureStore, TicketRemains {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async erase(ticket: Ticket, erasure: TicketErasure): Promise<void> {
    const TableName = this.tableName;
    const remove = (key: Key): TransactItem => ({ Delete: { TableName, Key: key } });
    const items: TransactItem[] = [
      {
        Delete: {
          TableName,
          Key: ticketEntity.key(ticket.id),
          // Present and as read: the count and the load taken back below are this version's.
          ConditionExpression: `${ITEM_PRESENT} AND #version = :version`,
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':version': ticket.version },
        },
      },
      {
        Put: {
          TableName,
          Item: { ...ticketErasureEntity.item(ticket.id), ...erasure },
          ConditionExpression: ITEM_ABSENT,
        },
      },
      // Without its headers the ticket's messages and history answer 404 at once.
      remove(messageEntity.header.key(ticket.id)),
      remove(eventEntity.header.key(ticket.id)),
      // A mail naming the reference no longer finds the ticket (docs/inbound-mail.md).
      remove(ticketReferenceEntity.key(ticket.reference)),
      {
        Update: {
          TableName,
          Key: queueCountShardEntity.key(ticket.queue, queueCountShardEntity.shardOf(ticket.id)),
          UpdateExpression: 'ADD #counts.#status :minus',
          ConditionExpression: ITEM_PRESENT,
          ExpressionAttributeNames: { '#counts': 'counts', '#status': ticket.status },
          ExpressionAttributeValues: { ':minus': -1 },
        },
      },
    ];
    const assignee = loadsAssignee(ticket);
    if (assignee) {
      items.push({
        Update: {
          TableName,
          Key: agentStateEntity.key(assignee),
          UpdateExpression: 'ADD #open :minus',
          ExpressionAttributeNames: { '#open': 'openAssigned' },
          ExpressionAttributeValues: { ':minus': -1 },
        },
      });
    }
    for (let attempt = 0; ; attempt++) {
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code);
        if (reasons[0] === 'ConditionalCheckFailed' || reasons[1] === 'ConditionalCheckFailed') {
          throw new PreconditionFailed('The ticket changed while it was being deleted: reload and retry');
        }
        if (!reasons.includes('TransactionConflict')) throw error;
        if (attempt >= MAX_CONFLICT_RETRIES)
          throw new Contended('Other changes kept this ticket busy: retry in a moment');
        await sleep(10 * 2 ** Math.min(attempt, 5) + Math.random() * 20);
      }
    }
  }

  async getErasure(ticketId: string): Promise<TicketErasure | null> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: ticketErasureEntity.key(ticketId),
        ConsistentRead: true,
      }),
    );
    if (!Item) return null;
    return {
      ticketId: String(Item.ticketId),
      reference: String(Item.reference),
      orgId: String(Item.orgId),
      subjectSha256: String(Item.subjectSha256),
      deletedBy: Item.deletedBy as TicketErasure['deletedBy'],
      deletedAt: String(Item.deletedAt),
      ...(typeof Item.erasedAt === 'string' ? { erasedAt: Item.erasedAt } : {}),
    };
  }

  /**
   * Query a partition's keys a page at a time and delete them 25 per BatchWriteItem, retrying
   * what DynamoDB leaves unprocessed. Each page starts from the partition's beginning: the
   * items of the page before are gone, so nothing is skipped and a retried record resumes.
   */
  async eraseRemains(ticketId: string): Promise<number> {
    // The rating's comment in the reports (keyed by the feedback's time) goes while the feedback
    // still tells that time; the ticket's report fact (its subject, for the tickets export) and
    // change markers go with it. The report cells keep their sums (docs/reports.md).
    const { Item: feedback } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: feedbackEntity.key(ticketId), ConsistentRead: true }),
    );
    let deleted = 0;
    if (typeof feedback?.createdAt === 'string') {
      await this.deleteBatch([reportCsatEntity.key(feedback.createdAt, ticketId)]);
      deleted += 1;
    }
    const reportFact = reportFactEntity.key(ticketId).pk;
    return (
      deleted +
      (await this.erasePartition(reportFact)) +
      (await this.erasePartition(ticketPartition(ticketId)))
    );
  }

  private async erasePartition(pk: string): Promise<number> {
    let deleted = 0;
    for (;;) {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#sk': SORT_KEY },
          ExpressionAttributeValues: { ':pk': pk },
          ProjectionExpression: '#pk, #sk',
          ConsistentRead: true,
          Limit: 100,
        }),
      );
      const keys = (page.Items ?? []).map((item) => ({ pk: item.pk, sk: item.sk }));
      if (keys.length === 0) return deleted;
      for (let start = 0; start < keys.length; start += BATCH) {
        await this.deleteBatch(keys.slice(start, start + BATCH));
      }
      deleted += keys.length;
    }
  }

  private async deleteBatch(keys: readonly { pk: unknown; sk: unknown }[]): Promise<void> {
    let requests: { DeleteRequest: { Key: Record<string, unknown> } }[] = keys.map((key) => ({
      DeleteRequest: { Key: { pk: key.pk, sk: key.sk } },
    }));
    for (let round = 0; requests.length > 0; round++) {
      if (round >= MAX_UNPROCESSED_ROUNDS)
        throw new Error(`${requests.length} items stayed unprocessed: the record will be retried`);
      if (round > 0) await sleep(50 * 2 ** Math.min(round, 5));
      const result = await this.db.send(
        new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
      );
      requests = (result.UnprocessedItems?.[this.tableName] ?? []).flatMap((request) =>
        request.DeleteRequest?.Key ? [{ DeleteRequest: { Key: request.DeleteRequest.Key } }] : [],
      );
    }
  }

  async markErased(ticketId: string, at: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: ticketErasureEntity.key(ticketId),
          UpdateExpression: 'SET #erasedAt = :at',
          ConditionExpression: `${ITEM_PRESENT} AND attribute_not_exists(#erasedAt)`,
          ExpressionAttributeNames: { '#erasedAt': 'erasedAt' },
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      // Already marked (a record delivered twice), or no record (a ticket removed otherwise).
      if (!(error instanceof Error) || error.name !== 'ConditionalCheckFailedException') throw error;
    }
  }
}
