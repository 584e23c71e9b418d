import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { PageCursors } from '#platform/cursor.js';
import { Conflict } from '#platform/errors.js';
import type { Clock } from '#platform/ports.js';
import { inboxItemEntity, inboxStateEntity, notificationPreferencesEntity } from '#platform/table/inbox.js';
import { ENTITY_ATTRIBUTE, ITEM_ABSENT, ITEM_PRESENT } from '#platform/table/key.js';
import { keyCondition } from '#platform/table/query.js';
import type { AgentNotificationKind } from '../agent-notification-kinds.js';
import {
  type AgentNotification,
  type Inbox,
  type InboxEntry,
  type NotificationPage,
  type NotificationPreferences,
  preferencesOf,
} from '../inbox.js';

/** BatchGetItem's limit. */
const BATCH_GET_LIMIT = 100;

/** Writers of the counter that lose a race read again; past this many rounds the caller is told to retry. */
const MAX_ROUNDS = 3;

interface InboxState {
  unread: number;
  /** Every notification whose id sorts at or below this one is read. */
  readThrough: string | null;
  /** Bumped by every write to the counter or the watermark: what a writer conditions on. */
  version: number;
}

const stateOf = (item: Record<string, unknown> | undefined): InboxState => ({
  unread: Math.max(0, typeof item?.unread === 'number' ? item.unread : 0),
  readThrough: typeof item?.readThrough === 'string' ? item.readThrough : null,
  version: typeof item?.version === 'number' ? item.version : 0,
});

const isRead = (item: Record<string, unknown>, state: InboxState) =>
  typeof item.readAt === 'string' || (state.readThrough !== null && String(item.id) <= state.readThrough);

const toNotification = (item: Record<string, unknown>, state: InboxState): AgentNotification => ({
  id: String(item.id),
  kind: item.kind as AgentNotificationKind,
  ticketId: String(item.ticketId),
  ticketReference: String(item.ticketReference),
  ticketSubject: String(item.ticketSubject),
  actor: item.actor as AgentNotification['actor'],
  excerpt: typeof item.excerpt === 'string' ? item.excerpt : null,
  at: String(item.at),
  read: isRead(item, state),
});

const cancelledAt = (error: TransactionCanceledException, index: number) =>
  error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';

/**
 * The inbox in the table (shared/platform/table/inbox.ts): items, a state item with the unread
 * counter and the read watermark, the preferences. An item is unread while it has no `readAt`
 * and sorts above the watermark; the counter counts exactly those, because every write that
 * changes the set moves the counter in the same transaction, conditioned on the state it read:
 * - adding an item above the watermark: put the item (if absent) + unread + 1, if it sorts above it;
 * - marking ids: set each `readAt` (if absent) + unread − k, on the same version;
 * - marking all: watermark := the newest item, unread := 0, on the same version.
 * A marker that lost a race reads again (at most MAX_ROUNDS times); adding conditions on the
 * watermark itself, so it needs no read. Each method is a constant number of calls per round:
 * no loop over the items.
 */
export class DynamoInbox implements Inbox {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly cursors: PageCursors,
    private readonly clock: Clock,
  ) {}

  private async state(userId: string): Promise<InboxState> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: inboxStateEntity.key(userId), ConsistentRead: true }),
    );
    return stateOf(result.Item);
  }

  private itemOf(userId: string, entry: InboxEntry) {
    return { ...inboxItemEntity.item(userId, entry.id), userId, ...entry };
  }

  /**
   * One transaction in the common case: the item (if absent) and unread + 1, on condition that
   * the entry sorts above the read watermark. An entry at or below it (an older event delivered
   * after "mark all read") arrives read: the item alone, the count stays.
   */
  async add(userId: string, entry: InboxEntry): Promise<'added' | 'exists'> {
    const item = this.itemOf(userId, entry);
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: item, ConditionExpression: ITEM_ABSENT } },
            {
              Update: {
                TableName: this.tableName,
                Key: inboxStateEntity.key(userId),
                UpdateExpression: 'SET #entity = :entity ADD #unread :one, #version :one',
                ConditionExpression: 'attribute_not_exists(#readThrough) OR #readThrough < :id',
                ExpressionAttributeNames: {
                  '#entity': ENTITY_ATTRIBUTE,
                  '#unread': 'unread',
                  '#version': 'version',
                  '#readThrough': 'readThrough',
                },
                ExpressionAttributeValues: { ':entity': inboxStateEntity.name, ':one': 1, ':id': entry.id },
              },
            },
          ],
        }),
      );
      return 'added';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      if (cancelledAt(error, 0)) return 'exists';
    }
    try {
      await this.db.send(
        new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: ITEM_ABSENT }),
      );
      return 'added';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'exists';
      throw error;
    }
  }

  async list(
    userId: string,
    page: { limit: number; cursor?: string | undefined },
  ): Promise<NotificationPage> {
    const fingerprint = JSON.stringify(['inbox', userId]);
    const [result, state] = await Promise.all([
      this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          ...keyCondition(inboxItemEntity.queries.ofUser(userId)),
          Limit: page.limit,
          ...(page.cursor ? { ExclusiveStartKey: this.cursors.decode(page.cursor, fingerprint) } : {}),
        }),
      ),
      this.state(userId),
    ]);
    return {
      items: (result.Items ?? []).map((item) => toNotification(item, state)),
      nextCursor: this.cursors.encode(result.LastEvaluatedKey, fingerprint),
      unread: state.unread,
    };
  }

  async markRead(userId: string, ids: readonly string[]): Promise<number> {
    const distinct = [...new Set(ids)];
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const read = await this.db.send(
        new TransactGetCommand({
          TransactItems: [
            { Get: { TableName: this.tableName, Key: inboxStateEntity.key(userId) } },
            ...distinct.map((id) => ({
              Get: { TableName: this.tableName, Key: inboxItemEntity.key(userId, id) },
            })),
          ],
        }),
      );
      const [stateItem, ...items] = read.Responses ?? [];
      const state = stateOf(stateItem?.Item);
      const unread = items.flatMap((response) =>
        response?.Item && !isRead(response.Item, state) ? [String(response.Item.id)] : [],
      );
      if (unread.length === 0) return state.unread;
      const now = this.clock.now().toISOString();
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              ...unread.map((id) => ({
                Update: {
                  TableName: this.tableName,
                  Key: inboxItemEntity.key(userId, id),
                  UpdateExpression: 'SET #readAt = :now',
                  ConditionExpression: `${ITEM_PRESENT} AND attribute_not_exists(#readAt)`,
                  ExpressionAttributeNames: { '#readAt': 'readAt' },
                  ExpressionAttributeValues: { ':now': now },
                },
              })),
              {
                Update: {
                  TableName: this.tableName,
                  Key: inboxStateEntity.key(userId),
                  UpdateExpression: 'ADD #unread :minus, #version :one',
                  ConditionExpression: '#version = :version',
                  ExpressionAttributeNames: { '#unread': 'unread', '#version': 'version' },
                  ExpressionAttributeValues: {
                    ':minus': -unread.length,
                    ':one': 1,
                    ':version': state.version,
                  },
                },
              },
            ],
          }),
        );
        return Math.max(0, state.unread - unread.length);
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
      }
    }
    throw new Conflict('Your notifications changed while marking them read: try again');
  }

  async markAllRead(userId: string): Promise<number> {
    const newestFirst = keyCondition(inboxItemEntity.queries.ofUser(userId));
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const [state, newest] = await Promise.all([
        this.state(userId),
        this.db.send(
          new QueryCommand({
            TableName: this.tableName,
            ...newestFirst,
            Limit: 1,
            ConsistentRead: true,
            ProjectionExpression: '#id',
            ExpressionAttributeNames: { ...newestFirst.ExpressionAttributeNames, '#id': 'id' },
          }),
        ),
      ]);
      const newestId = newest.Items?.[0]?.id;
      if (typeof newestId !== 'string') return 0;
      const readThrough =
        state.readThrough !== null && state.readThrough > newestId ? state.readThrough : newestId;
      if (state.unread === 0 && state.readThrough === readThrough) return 0;
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: inboxStateEntity.key(userId),
            UpdateExpression:
              'SET #entity = :entity, #readThrough = :readThrough, #unread = :zero ADD #version :one',
            ConditionExpression:
              state.version === 0 ? 'attribute_not_exists(#version)' : '#version = :version',
            ExpressionAttributeNames: {
              '#entity': ENTITY_ATTRIBUTE,
              '#readThrough': 'readThrough',
              '#unread': 'unread',
              '#version': 'version',
            },
            ExpressionAttributeValues: {
              ':entity': inboxStateEntity.name,
              ':readThrough': readThrough,
              ':zero': 0,
              ':one': 1,
              ...(state.version === 0 ? {} : { ':version': state.version }),
            },
          }),
        );
        return 0;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    throw new Conflict('Your notifications changed while marking them read: try again');
  }

  /** Everyone's preferences in one BatchGetItem per 100 people (people without any get the defaults). */
  async preferencesOf(userIds: readonly string[]): Promise<Map<string, NotificationPreferences>> {
    const found = new Map<string, Record<string, unknown> | undefined>();
    const unique = [...new Set(userIds)];
    for (let at = 0; at < unique.length; at += BATCH_GET_LIMIT) {
      let keys: Record<string, unknown>[] = unique
        .slice(at, at + BATCH_GET_LIMIT)
        .map((userId) => ({ ...notificationPreferencesEntity.key(userId) }));
      while (keys.length > 0) {
        const result = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }),
        );
        for (const item of result.Responses?.[this.tableName] ?? [])
          found.set(String(item.userId), item.mail as Record<string, unknown> | undefined);
        keys = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as unknown as Record<string, unknown>[];
      }
    }
    return new Map(unique.map((userId) => [userId, preferencesOf(found.get(userId))]));
  }

  async preferences(userId: string): Promise<NotificationPreferences> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: notificationPreferencesEntity.key(userId) }),
    );
    return preferencesOf(result.Item?.mail as Record<string, unknown> | undefined);
  }

  async savePreferences(userId: string, preferences: NotificationPreferences): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...notificationPreferencesEntity.item(userId), userId, mail: preferences.mail },
      }),
    );
  }
}
