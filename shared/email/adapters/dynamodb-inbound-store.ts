import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Page } from '#platform/ports.js';
import {
  inboundDeadLetterEntity,
  inboundSettingsEntity,
  mailDomainEntity,
  mailSenderHourEntity,
  ticketReferenceEntity,
} from '#platform/table/inbound-mail.js';
import { TTL_ATTRIBUTE } from '#platform/table/key.js';
import {
  DEFAULT_INBOUND_SETTINGS,
  DeadLetter,
  InboundMailSettings,
  type InboundMailStore,
} from '../ports.js';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** The e-mail channel's items of the single table (shared/platform/table/inbound-mail.ts); each call is one request. */
export class DynamoInboundMailStore implements InboundMailStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async ticketIdByReference(reference: string): Promise<string | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: ticketReferenceEntity.key(reference) }),
    );
    return typeof Item?.ticketId === 'string' ? Item.ticketId : null;
  }

  async organisationOfDomain(domain: string): Promise<string | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: mailDomainEntity.key(domain) }),
    );
    return typeof Item?.orgId === 'string' ? Item.orgId : null;
  }

  async settings(): Promise<InboundMailSettings> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: inboundSettingsEntity.key() }),
    );
    const parsed = InboundMailSettings.safeParse({
      unknownSenders: Item?.unknownSenders ?? DEFAULT_INBOUND_SETTINGS.unknownSenders,
      mailsPerSenderPerHour: Item?.mailsPerSenderPerHour,
      autoRepliesPerHour: Item?.autoRepliesPerHour,
    });
    return parsed.success ? parsed.data : DEFAULT_INBOUND_SETTINGS;
  }

  async putSettings(settings: InboundMailSettings): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.tableName, Item: { ...inboundSettingsEntity.item(), ...settings } }),
    );
  }

  async countMail(sender: string, hour: string, expiresAt: number): Promise<number> {
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: mailSenderHourEntity.key(sender, hour),
        UpdateExpression: 'ADD #mails :one SET #ttl = :ttl',
        ExpressionAttributeNames: { '#mails': 'mails', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':one': 1, ':ttl': expiresAt },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes?.mails ?? 1);
  }

  async takeAutoReply(sender: string, hour: string, max: number, expiresAt: number): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: mailSenderHourEntity.key(sender, hour),
          UpdateExpression: 'ADD #replies :one SET #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(#replies) OR #replies < :max',
          ExpressionAttributeNames: { '#replies': 'autoReplies', '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':one': 1, ':ttl': expiresAt, ':max': max },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async putDeadLetter(letter: DeadLetter): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...inboundDeadLetterEntity.item(letter.id), ...letter },
      }),
    );
  }

  async getDeadLetter(id: string): Promise<DeadLetter | null> {
    if (!ULID.test(id)) return null;
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: inboundDeadLetterEntity.key(id),
        ConsistentRead: true,
      }),
    );
    return Item ? DeadLetter.parse(Item) : null;
  }

  async listDeadLetters(limit: number, cursor: string | null): Promise<Page<DeadLetter>> {
    const spec = inboundDeadLetterEntity.queries.all();
    // The cursor is the last id shown: it only moves within the list's partition.
    const start = cursor && ULID.test(cursor) ? inboundDeadLetterEntity.key(cursor) : undefined;
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': spec.pk, ':prefix': spec.skPrefix },
        ScanIndexForward: true,
        Limit: limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    const items = Items.map((item) => DeadLetter.parse(item));
    return { items, nextCursor: LastEvaluatedKey && items.length ? (items.at(-1)?.id ?? null) : null };
  }

  async removeDeadLetter(id: string): Promise<void> {
    await this.db.send(
      new DeleteCommand({ TableName: this.tableName, Key: inboundDeadLetterEntity.key(id) }),
    );
  }
}
