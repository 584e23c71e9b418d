import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { deleteCounted, putCounted } from '#platform/adapters/counted-items.js';
import { putVersioned } from '#platform/adapters/versioned-put.js';
import type { Page } from '#platform/ports.js';
import { counterEntity } from '#platform/table/counter.js';
import { ITEM_ABSENT, ITEM_PRESENT, TTL_ATTRIBUTE } from '#platform/table/key.js';
import { keyCondition } from '#platform/table/query.js';
import { deliveryEntity, WEBHOOK_COUNTER, webhookEntity } from '#platform/table/webhook.js';
import type { Delivery } from '../delivery.js';
import type { DeliveryStore, WebhookStore } from '../ports.js';
import { MAX_WEBHOOKS, type Webhook } from '../webhook.js';

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

/** Drops the null fields: an absent attribute reads back as null. */
const withoutNulls = (record: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== null && value !== undefined));

const webhookOf = (item: Record<string, unknown>): Webhook => ({
  id: String(item.id),
  url: String(item.url),
  events: item.events as Webhook['events'],
  active: item.active === true,
  includeInternal: item.includeInternal === true,
  description: (item.description as string | undefined) ?? null,
  version: Number(item.version),
  createdAt: String(item.createdAt),
  updatedAt: String(item.updatedAt),
  failingSince: (item.failingSince as string | undefined) ?? null,
  disabledAt: (item.disabledAt as string | undefined) ?? null,
  disabledReason: (item.disabledReason as Webhook['disabledReason'] | undefined) ?? null,
  adminsNotifiedAt: (item.adminsNotifiedAt as string | undefined) ?? null,
  secret: String(item.secret),
});

export class DynamoWebhookStore implements WebhookStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private itemOf(hook: Webhook) {
    return { ...webhookEntity.item(hook.id), ...withoutNulls(hook) };
  }

  async list(): Promise<Webhook[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...keyCondition(webhookEntity.all()),
        // The counter keeps the list at MAX_WEBHOOKS: one page always holds it.
        Limit: MAX_WEBHOOKS * 2,
      }),
    );
    return (result.Items ?? []).map(webhookOf);
  }

  async get(id: string): Promise<Webhook | null> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: webhookEntity.key(id), ConsistentRead: true }),
    );
    return result.Item ? webhookOf(result.Item) : null;
  }

  create(hook: Webhook): Promise<void> {
    return putCounted(this.db, {
      tableName: this.tableName,
      item: this.itemOf(hook),
      counter: counterEntity.key(WEBHOOK_COUNTER),
      cap: MAX_WEBHOOKS,
      full: `At most ${MAX_WEBHOOKS} webhooks: delete one first`,
    });
  }

  update(hook: Webhook, expectedVersion: number): Promise<void> {
    return putVersioned(this.db, {
      tableName: this.tableName,
      item: this.itemOf(hook),
      expectedVersion,
      notFound: 'No such webhook',
      changed: 'The webhook changed meanwhile: read it again and retry',
    });
  }

  delete(id: string): Promise<void> {
    return deleteCounted(this.db, {
      tableName: this.tableName,
      key: webhookEntity.key(id),
      counter: counterEntity.key(WEBHOOK_COUNTER),
      notFound: 'No such webhook',
    });
  }

  private async conditionalUpdate(input: {
    id: string;
    update: string;
    condition: string;
    values: Record<string, unknown>;
  }): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: webhookEntity.key(input.id),
          UpdateExpression: input.update,
          ConditionExpression: `${ITEM_PRESENT} AND ${input.condition}`,
          ...(Object.keys(input.values).length ? { ExpressionAttributeValues: input.values } : {}),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async markFailing(id: string, at: string): Promise<void> {
    await this.conditionalUpdate({
      id,
      update: 'SET failingSince = :at',
      condition: 'attribute_not_exists(failingSince)',
      values: { ':at': at },
    });
  }

  async markHealthy(id: string): Promise<void> {
    await this.conditionalUpdate({
      id,
      update: 'REMOVE failingSince',
      condition: 'attribute_exists(failingSince)',
      values: {},
    });
  }

  async disableFailing(id: string, failingSince: string, at: string): Promise<boolean> {
    return this.conditionalUpdate({
      id,
      update:
        'SET active = :off, disabledReason = :failing, disabledAt = :at, updatedAt = :at, version = version + :one',
      condition: 'active = :on AND failingSince = :since',
      values: {
        ':off': false,
        ':on': true,
        ':failing': 'failing',
        ':at': at,
        ':one': 1,
        ':since': failingSince,
      },
    });
  }

  async markAdminsNotified(id: string, disabledAt: string): Promise<void> {
    await this.conditionalUpdate({
      id,
      update: 'SET adminsNotifiedAt = :at',
      condition: 'disabledAt = :at',
      values: { ':at': disabledAt },
    });
  }
}

/** Delivery records live 30 days (the table's TTL), then DynamoDB deletes them. */
const DELIVERY_TTL_SECONDS = 30 * 24 * 60 * 60;

const deliveryOf = (item: Record<string, unknown>): Delivery => ({
  id: String(item.id),
  hookId: String(item.hookId),
  type: item.type as Delivery['type'],
  status: item.status as Delivery['status'],
  attempts: Number(item.attempts ?? 0),
  lastStatusCode: (item.lastStatusCode as number | null | undefined) ?? null,
  lastError: (item.lastError as string | null | undefined) ?? null,
  createdAt: String(item.createdAt),
  lastAttemptAt: (item.lastAttemptAt as string | null | undefined) ?? null,
  nextAttemptAt: (item.nextAttemptAt as string | null | undefined) ?? null,
  deliveredAt: (item.deliveredAt as string | null | undefined) ?? null,
  body: String(item.body),
});

const EVENT_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export class DynamoDeliveryStore implements DeliveryStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(delivery: Delivery): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...deliveryEntity.item(delivery.hookId, delivery.id),
            ...(delivery.status === 'pending' && delivery.nextAttemptAt
              ? deliveryEntity.retryKeys({
                  hookId: delivery.hookId,
                  eventId: delivery.id,
                  nextAttemptAt: delivery.nextAttemptAt,
                })
              : {}),
            ...delivery,
            [TTL_ATTRIBUTE]: Math.floor(new Date(delivery.createdAt).getTime() / 1000) + DELIVERY_TTL_SECONDS,
          },
          ConditionExpression: ITEM_ABSENT,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async claim(delivery: Delivery, leaseUntil: Date): Promise<boolean> {
    const nextAttemptAt = leaseUntil.toISOString();
    const order = deliveryEntity.retryKeys({ hookId: delivery.hookId, eventId: delivery.id, nextAttemptAt });
    const names = deliveryEntity.retryAttributes;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: deliveryEntity.key(delivery.hookId, delivery.id),
          UpdateExpression: 'SET nextAttemptAt = :lease, #order = :order',
          ConditionExpression: '#status = :pending AND attempts = :attempts AND nextAttemptAt = :seen',
          ExpressionAttributeNames: { '#order': names.sortKey, '#status': 'status' },
          ExpressionAttributeValues: {
            ':lease': nextAttemptAt,
            ':order': order[names.sortKey],
            ':pending': 'pending',
            ':attempts': delivery.attempts,
            ':seen': delivery.nextAttemptAt,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async recordAttempt(
    delivery: Delivery,
    outcome: Parameters<DeliveryStore['recordAttempt']>[1],
  ): Promise<boolean> {
    const names = deliveryEntity.retryAttributes;
    const pending = outcome.status === 'pending' && outcome.nextAttemptAt;
    const order = pending
      ? deliveryEntity.retryKeys({
          hookId: delivery.hookId,
          eventId: delivery.id,
          nextAttemptAt: outcome.nextAttemptAt ?? '',
        })
      : null;
    const sets = [
      '#status = :status',
      'attempts = :next',
      'lastStatusCode = :code',
      'lastError = :error',
      'lastAttemptAt = :at',
      'nextAttemptAt = :nextAt',
      ...(outcome.status === 'delivered' ? ['deliveredAt = :at'] : []),
      ...(order ? ['#order = :order'] : []),
    ];
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: deliveryEntity.key(delivery.hookId, delivery.id),
          UpdateExpression: `SET ${sets.join(', ')}${order ? '' : ' REMOVE #indexPk, #order'}`,
          ConditionExpression: '#status = :pending AND attempts = :attempts',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#order': names.sortKey,
            ...(order ? {} : { '#indexPk': names.partitionKey }),
          },
          ExpressionAttributeValues: {
            ':status': outcome.status,
            ':next': delivery.attempts + 1,
            ':code': outcome.statusCode,
            ':error': outcome.error,
            ':at': outcome.at,
            ':nextAt': outcome.nextAttemptAt,
            ':pending': 'pending',
            ':attempts': delivery.attempts,
            ...(order ? { ':order': order[names.sortKey] } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async cancel(delivery: Delivery, reason: string): Promise<void> {
    const names = deliveryEntity.retryAttributes;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: deliveryEntity.key(delivery.hookId, delivery.id),
          UpdateExpression:
            'SET #status = :cancelled, lastError = :reason, nextAttemptAt = :none REMOVE #indexPk, #order',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#indexPk': names.partitionKey,
            '#order': names.sortKey,
          },
          ExpressionAttributeValues: {
            ':cancelled': 'cancelled',
            ':reason': reason,
            ':none': null,
            ':pending': 'pending',
          },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async due(at: Date, limit: number): Promise<Delivery[]> {
    const spec = deliveryEntity.dueBy(at.toISOString());
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: spec.index,
        KeyConditionExpression: '#pk = :pk AND #sk <= :upTo',
        ExpressionAttributeNames: { '#pk': spec.names.partitionKey, '#sk': spec.names.sortKey },
        ExpressionAttributeValues: { ':pk': spec.pk, ':upTo': spec.upTo },
        ScanIndexForward: true,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map(deliveryOf);
  }

  async ofHook(
    hookId: string,
    query: { limit: number; cursor?: string | undefined },
  ): Promise<Page<Delivery>> {
    // The cursor is the last event id shown: it only moves within this hook's partition.
    const start =
      query.cursor && EVENT_ID.test(query.cursor) ? deliveryEntity.key(hookId, query.cursor) : undefined;
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...keyCondition(deliveryEntity.ofHook(hookId)),
        Limit: query.limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    const items = (result.Items ?? []).map(deliveryOf);
    const last = items.at(-1);
    return { items, nextCursor: result.LastEvaluatedKey && last ? last.id : null };
  }
}
