import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ENTITY_ATTRIBUTE, ITEM_ABSENT } from '#platform/table/key.js';
import { notificationEntity } from '#platform/table/notification.js';
import type { NoticeKind, NotificationKey } from '../notices.js';
import {
  type ClaimResult,
  type Delivery,
  NoticeClaimLost,
  type NotificationLog,
  type NotificationRecord,
} from '../ports.js';

const keyOf = (key: NotificationKey) => notificationEntity.key(key.ticketId, key.clock, key.level);

const names = {
  '#entity': ENTITY_ATTRIBUTE,
  '#ticketId': 'ticketId',
  '#clock': 'clock',
  '#level': 'level',
  '#kind': 'kind',
  '#state': 'state',
  '#owner': 'owner',
  '#leaseUntil': 'leaseUntil',
  '#attempts': 'attempts',
  '#createdAt': 'createdAt',
  '#deliveredTo': 'deliveredTo',
  '#providerMessageIds': 'providerMessageIds',
  '#lastError': 'lastError',
  '#sentAt': 'sentAt',
} as const;

/** Deliveries are string sets: recording the same one twice changes nothing. */
const ADD_DELIVERY = '#deliveredTo :recipient, #providerMessageIds :message';
const deliveryValues = (delivery: Delivery) => ({
  ':recipient': new Set([delivery.recipient]),
  ':message': new Set([`${delivery.recipient} ${delivery.providerMessageId}`]),
});

/** Only the names an expression uses may be passed to DynamoDB. */
const namesFor = (expression: string) =>
  Object.fromEntries(Object.entries(names).filter(([placeholder]) => expression.includes(placeholder)));

const stringsOf = (value: unknown): string[] => {
  if (value instanceof Set) return [...value].filter((v): v is string => typeof v === 'string').sort();
  return [];
};

const toRecord = (key: NotificationKey, item: Record<string, unknown>): NotificationRecord => ({
  key,
  kind: item.kind as NoticeKind,
  state: item.state as NotificationRecord['state'],
  deliveredTo: stringsOf(item.deliveredTo),
  owner: typeof item.owner === 'string' ? item.owner : null,
  leaseUntil: typeof item.leaseUntil === 'number' ? new Date(item.leaseUntil).toISOString() : null,
  attempts: typeof item.attempts === 'number' ? item.attempts : 0,
  lastError: typeof item.lastError === 'string' ? item.lastError : null,
  createdAt: String(item.createdAt),
  sentAt: typeof item.sentAt === 'string' ? item.sentAt : null,
});

/**
 * Notification records in the single table (`TICKET#<id>` / `NOTICE#<clock>#<level>`). The claim
 * is one conditional update: it succeeds on a new record, or on one that is not sent and whose
 * lease has run out (a released claim has a lease of 0). Deliveries are kept in a string set, so
 * recording the same one twice changes nothing.
 */
export class DynamoNotificationLog implements NotificationLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(
    key: NotificationKey,
    claim: { kind: NoticeKind; owner: string; now: Date; leaseUntil: Date },
  ): Promise<ClaimResult> {
    const update =
      'SET #entity = :entity, #ticketId = :ticketId, #clock = :clock, #level = :level, #kind = :kind, ' +
      '#state = :sending, #owner = :owner, #leaseUntil = :leaseUntil, #createdAt = if_not_exists(#createdAt, :now) ' +
      'ADD #attempts :one';
    const condition = `${ITEM_ABSENT} OR (#state <> :sent AND #leaseUntil <= :nowMs)`;
    try {
      const result = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(key),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: namesFor(update + condition),
          ExpressionAttributeValues: {
            ':entity': notificationEntity.name,
            ':ticketId': key.ticketId,
            ':clock': key.clock,
            ':level': key.level,
            ':kind': claim.kind,
            ':sending': 'sending',
            ':sent': 'sent',
            ':owner': claim.owner,
            ':leaseUntil': claim.leaseUntil.getTime(),
            ':now': claim.now.toISOString(),
            ':nowMs': claim.now.getTime(),
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { outcome: 'claimed', deliveredTo: new Set(stringsOf(result.Attributes?.deliveredTo)) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const current = await this.find(key);
    if (current?.state === 'sent') return { outcome: 'sent' };
    // Released or expired between our write and this read: report busy, the retry will claim it.
    return { outcome: 'busy', leaseUntil: current?.leaseUntil ?? claim.now.toISOString() };
  }

  private async ownedUpdate(
    key: NotificationKey,
    owner: string,
    update: string,
    values: Record<string, unknown>,
  ) {
    const condition = '#owner = :owner AND #state = :sending';
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keyOf(key),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeNames: namesFor(update + condition),
          ExpressionAttributeValues: { ...values, ':owner': owner, ':sending': 'sending' },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new NoticeClaimLost(key);
      throw error;
    }
  }

  recordDelivery(key: NotificationKey, owner: string, delivery: Delivery): Promise<void> {
    return this.ownedUpdate(key, owner, `ADD ${ADD_DELIVERY}`, deliveryValues(delivery));
  }

  complete(key: NotificationKey, owner: string, now: Date, lastDelivery?: Delivery): Promise<void> {
    const sent = 'SET #state = :sent, #sentAt = :now REMOVE #owner, #leaseUntil';
    return this.ownedUpdate(key, owner, lastDelivery ? `${sent} ADD ${ADD_DELIVERY}` : sent, {
      ':sent': 'sent',
      ':now': now.toISOString(),
      ...(lastDelivery ? deliveryValues(lastDelivery) : {}),
    });
  }

  release(key: NotificationKey, owner: string, reason: string): Promise<void> {
    return this.ownedUpdate(key, owner, 'SET #state = :failed, #leaseUntil = :zero, #lastError = :reason', {
      ':failed': 'failed',
      ':zero': 0,
      ':reason': reason,
    });
  }

  async find(key: NotificationKey): Promise<NotificationRecord | null> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keyOf(key), ConsistentRead: true }),
    );
    return result.Item ? toRecord(key, result.Item) : null;
  }
}
