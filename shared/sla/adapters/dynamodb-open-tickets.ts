import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keyCondition } from '#platform/table/query.js';
import { ticketEntity } from '#platform/table/ticket.js';
import { toTicket } from '#tickets/adapters/ticket-items.js';
import type { Ticket } from '#tickets/schemas.js';

/**
 * Tickets of one status, a bounded page at a time, oldest first (the status index). The
 * position is the index's own last key, base64url JSON: it never leaves the back end (the
 * preview and the re-application job keep it), so it needs no signature.
 */
export class DynamoTicketsByStatus {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async page(
    status: string,
    limit: number,
    after: string | null,
  ): Promise<{ tickets: Ticket[]; next: string | null }> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...keyCondition({ ...ticketEntity.queries.withStatus(status), descending: false }),
        Limit: limit,
        ...(after ? { ExclusiveStartKey: JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) } : {}),
      }),
    );
    const last = result.LastEvaluatedKey;
    return {
      tickets: (result.Items ?? []).map(toTicket),
      next: last ? Buffer.from(JSON.stringify(last), 'utf8').toString('base64url') : null,
    };
  }
}
