import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { indexKeyNames } from '#platform/table/key.js';
import { REPORT_PREFIX } from '#platform/table/report.js';
import { eventEntity, feedbackEntity, ticketEntity, ticketPartition } from '#platform/table/ticket.js';
import { toEvent, toFeedback, toTicket } from '#tickets/adapters/ticket-items.js';
import type { Feedback, Ticket, TicketEvent } from '#tickets/schemas.js';
import type { RebuildSource } from '../use-cases/rebuild.js';

/**
 * What the rebuild reads from the table. Not a request path: it pages through every ticket
 * (gsi6, by creation) and, to clear the aggregates, Scans for the report items (their
 * partitions are many and only a Scan finds them all).
 */
export class DynamoRebuildSource implements RebuildSource {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async *tickets(): AsyncIterable<Ticket[]> {
    const spec = ticketEntity.queries.all();
    const index = spec.index ?? 'gsi6';
    const names = indexKeyNames(index);
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': names.partitionKey },
          ExpressionAttributeValues: { ':pk': spec.pk },
          ScanIndexForward: true,
          Limit: 100,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      // The index holds the ticket's keys and attributes; read each ticket whole.
      const tickets: Ticket[] = [];
      for (const item of page.Items ?? []) {
        const full = await this.db.send(
          new GetCommand({ TableName: this.tableName, Key: ticketEntity.key(String(item.id)) }),
        );
        if (full.Item) tickets.push(toTicket(full.Item));
      }
      yield tickets;
      start = page.LastEvaluatedKey;
    } while (start);
  }

  async events(ticketId: string): Promise<TicketEvent[]> {
    const events: TicketEvent[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
          ExpressionAttributeValues: { ':pk': ticketPartition(ticketId), ':sk': 'EVENT#' },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        if (item.entity === eventEntity.name) events.push(toEvent(item));
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return events;
  }

  async feedback(ticketId: string): Promise<Feedback | null> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: feedbackEntity.key(ticketId) }),
    );
    return result.Item ? toFeedback(ticketId, result.Item) : null;
  }

  async clearAggregates(): Promise<number> {
    let deleted = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'begins_with(pk, :prefix)',
          ExpressionAttributeValues: { ':prefix': REPORT_PREFIX },
          ProjectionExpression: 'pk, sk',
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      const keys = (page.Items ?? []).map((item) => ({ pk: item.pk, sk: item.sk }));
      for (let i = 0; i < keys.length; i += 25) {
        let requests = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
        while (requests.length) {
          const result = await this.db.send(
            new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
          );
          requests = (result.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
        }
      }
      deleted += keys.length;
      start = page.LastEvaluatedKey;
    } while (start);
    return deleted;
  }
}
