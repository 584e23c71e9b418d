import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from '#platform/adapters/batch-get.js';
import { PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE } from '#platform/table/key.js';
import { presenceEntity } from '#platform/table/presence.js';
import { keyCondition } from '#platform/table/query.js';
import { ticketEntity } from '#platform/table/ticket.js';
import type { PresenceRecord, PresenceStore } from '../ports.js';

/** More people than this on one ticket at once is not a desk: the list stops there. */
const MAX_PRESENT = 100;

const recordOf = (item: Record<string, unknown>): PresenceRecord => {
  const { user, state, since, lastSeen } = item as unknown as PresenceRecord;
  return { user, state, since, lastSeen, expiresAt: Number(item[TTL_ATTRIBUTE]) };
};

/** Presence records in the single table (shared/platform/table/presence.ts), with the table's TTL. */
export class DynamoPresenceStore implements PresenceStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(ticketId: string, record: PresenceRecord): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...presenceEntity.item(ticketId, record.user.id),
          user: record.user,
          state: record.state,
          since: record.since,
          lastSeen: record.lastSeen,
          [TTL_ATTRIBUTE]: record.expiresAt,
        },
      }),
    );
  }

  async list(ticketId: string, nowSeconds: number): Promise<PresenceRecord[]> {
    const query = keyCondition(presenceEntity.ofTicket(ticketId));
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...query,
        // TTL deletes expired items lazily (within days): the read drops them itself.
        FilterExpression: '#expiresAt > :now',
        ExpressionAttributeNames: { ...query.ExpressionAttributeNames, '#expiresAt': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ...query.ExpressionAttributeValues, ':now': nowSeconds },
        Limit: MAX_PRESENT,
      }),
    );
    return (result.Items ?? []).map(recordOf);
  }

  async ownAndTicket(ticketId: string, userId: string) {
    const ticketKey = ticketEntity.key(ticketId);
    const items = await batchGet(this.db, this.tableName, {
      Keys: [ticketKey, presenceEntity.key(ticketId, userId)],
      ProjectionExpression: '#pk, #sk, #user, #state, #since, #lastSeen, #expiresAt',
      ExpressionAttributeNames: {
        '#pk': PARTITION_KEY,
        '#sk': SORT_KEY,
        '#user': 'user',
        '#state': 'state',
        '#since': 'since',
        '#lastSeen': 'lastSeen',
        '#expiresAt': TTL_ATTRIBUTE,
      },
    });
    const ticketExists = items.some(
      (item) => item[PARTITION_KEY] === ticketKey.pk && item[SORT_KEY] === ticketKey.sk,
    );
    const own = items.find((item) => item[SORT_KEY] !== ticketKey.sk);
    return { ticketExists, own: own ? recordOf(own) : null };
  }
}
