import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keyCondition } from '#platform/table/query.js';
import { ticketEntity, UNASSIGNED } from '#platform/table/ticket.js';
import type { WaitingTickets } from '../use-cases/auto-assign.js';

/** Items read per Query, and Queries per queue and status, at most: bounded whatever the queue holds. */
const PAGE = 50;
const MAX_PAGES = 2;

/**
 * The oldest unassigned tickets of a queue in a status: gsi2 (queue, then status, oldest first)
 * with a filter on the flat `assigneeId`, paging on past assigned ones at most `MAX_PAGES` times.
 */
export class DynamoWaitingTickets implements WaitingTickets {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async oldest(queueId: string, status: string, limit: number): Promise<string[]> {
    const key = keyCondition({ ...ticketEntity.queries.inQueue(queueId, status), descending: false });
    const ids: string[] = [];
    let start: Record<string, unknown> | undefined;
    for (let page = 0; page < MAX_PAGES && ids.length < limit; page++) {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          ...key,
          FilterExpression: '#assignee = :none',
          ExpressionAttributeNames: { ...key.ExpressionAttributeNames, '#assignee': 'assigneeId' },
          ExpressionAttributeValues: { ...key.ExpressionAttributeValues, ':none': UNASSIGNED },
          ProjectionExpression: 'id',
          Limit: PAGE,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of result.Items ?? []) if (typeof item.id === 'string') ids.push(item.id);
      start = result.LastEvaluatedKey;
      if (!start) break;
    }
    return ids.slice(0, limit);
  }
}
