import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { indexKeyNames } from '#platform/table/key.js';
import {
  type CellKind,
  reportCellEntity,
  reportCsatEntity,
  reportFactEntity,
  reportTopicEntity,
} from '#platform/table/report.js';
import { eventEntity, feedbackEntity, ticketEntity, ticketPartition } from '#platform/table/ticket.js';
import { toEvent, toFeedback, toTicket } from '#tickets/adapters/ticket-items.js';
import type { Feedback, Ticket, TicketEvent } from '#tickets/schemas.js';
import type { RebuildSource } from '../use-cases/rebuild.js';

/** Every kind of cell partition: the detail, the totals and the roll-ups are all rebuilt. */
const cellKinds: readonly CellKind[] = ['detail', 'total', 'value', 'agents'];

/**
 * What the rebuild reads from the table. Not a request path: it pages through every ticket
 * (gsi6, by creation) and deletes the report partitions by their names (no Scan).
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

  /**
   * Deletes the report partitions from the month of the oldest ticket to now (no Scan: every
   * report partition is named by a month or year since then, or by a ticket, cleared with it).
   */
  async clearAggregates(): Promise<number> {
    const spec = ticketEntity.queries.all();
    const index = spec.index ?? 'gsi6';
    const oldest = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': indexKeyNames(index).partitionKey },
        ExpressionAttributeValues: { ':pk': spec.pk },
        ScanIndexForward: true,
        Limit: 1,
      }),
    );
    const first = String(oldest.Items?.[0]?.createdAt ?? new Date().toISOString());
    const partitions = new Set<string>();
    const now = new Date();
    for (
      let at = Date.UTC(Number(first.slice(0, 4)), Number(first.slice(5, 7)) - 1, 1);
      at <= now.getTime();
    ) {
      const month = new Date(at).toISOString().slice(0, 7);
      const year = month.slice(0, 4);
      for (const kind of cellKinds) {
        partitions.add(reportCellEntity.partition('hour', month, kind));
        partitions.add(reportCellEntity.partition('day', month, kind));
        partitions.add(reportCellEntity.partition('month', month, kind));
      }
      partitions.add(reportCsatEntity.partition(year));
      partitions.add(reportTopicEntity.partition(year));
      at = Date.UTC(Number(year), Number(month.slice(5, 7)), 1);
    }
    let deleted = 0;
    for (const partition of partitions) deleted += await this.deletePartition(partition);
    return deleted;
  }

  /** Deletes the ticket's fact and change markers (before it is counted again). */
  async clearTicket(ticketId: string): Promise<number> {
    return this.deletePartition(reportFactEntity.key(ticketId).pk);
  }

  private async deletePartition(pk: string): Promise<number> {
    let deleted = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
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
