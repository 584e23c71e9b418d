import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { Invalid } from '#platform/errors.js';
import { attachmentEntity } from '#platform/table/attachment.js';
import { ENTITY_ATTRIBUTE, ITEM_ABSENT, PARTITION_KEY, SORT_KEY } from '#platform/table/key.js';
import { keyCondition } from '#platform/table/query.js';
import type { MessageAttachments } from '#tickets/ports.js';
import type { MessageAttachment } from '#tickets/schemas.js';
import { type Attachment, MAX_TICKET_ATTACHMENTS } from '../attachment.js';
import { type AttachmentStore, TicketAttachmentsFull } from '../ports.js';

const toAttachment = (item: Record<string, unknown>): Attachment => {
  const { [PARTITION_KEY]: _pk, [SORT_KEY]: _sk, [ENTITY_ATTRIBUTE]: _entity, ...attachment } = item;
  return attachment as unknown as Attachment;
};

/** The bytes already verified on the ticket leave room for `size` within `max`. */
const roomFor = (size: number, max: number) => ({
  condition: '(attribute_not_exists(#bytes) OR #bytes <= :room)',
  values: { ':room': max - size },
});

/**
 * Attachment items in the ticket's partition, and the ticket's usage item (upload slots handed
 * out, verified bytes). Also answers the ticket store's question which files a message may take.
 */
export class DynamoAttachmentStore implements AttachmentStore, MessageAttachments {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(attachment: Attachment, limits: { maxCount: number; maxBytes: number }): Promise<void> {
    const room = roomFor(attachment.size, limits.maxBytes);
    const available = attachment.status === 'available';
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...attachmentEntity.item(attachment.ticketId, attachment.id), ...attachment },
                ConditionExpression: ITEM_ABSENT,
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: attachmentEntity.usage.key(attachment.ticketId),
                UpdateExpression: available
                  ? 'SET #entity = :entity ADD #count :one, #bytes :size'
                  : 'SET #entity = :entity ADD #count :one',
                ConditionExpression: `(attribute_not_exists(#count) OR #count < :maxCount) AND ${room.condition}`,
                ExpressionAttributeNames: {
                  '#entity': ENTITY_ATTRIBUTE,
                  '#count': 'count',
                  '#bytes': 'bytes',
                },
                ExpressionAttributeValues: {
                  ':entity': attachmentEntity.usage.name,
                  ':one': 1,
                  ':maxCount': limits.maxCount,
                  ...room.values,
                  ...(available ? { ':size': attachment.size } : {}),
                },
              },
            },
          ],
        }),
      );
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      if (reasons[1]?.Code === 'ConditionalCheckFailed') throw new TicketAttachmentsFull();
      throw error;
    }
  }

  async get(ticketId: string, attachmentId: string, options: { consistent?: boolean } = {}) {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: attachmentEntity.key(ticketId, attachmentId),
        ...(options.consistent ? { ConsistentRead: true } : {}),
      }),
    );
    return result.Item ? toAttachment(result.Item) : null;
  }

  async getMany(ticketId: string, attachmentIds: readonly string[]): Promise<Attachment[]> {
    if (attachmentIds.length === 0) return [];
    let keys = attachmentIds.map((id) => attachmentEntity.key(ticketId, id));
    const found: Attachment[] = [];
    // At most 10 keys (a message's limit): unprocessed keys are read again, a few times at most.
    for (let attempt = 0; keys.length > 0 && attempt < 5; attempt++) {
      const result = await this.db.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
      );
      found.push(...(result.Responses?.[this.tableName] ?? []).map(toAttachment));
      keys = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as typeof keys;
    }
    if (keys.length > 0) throw new Error('The attachments could not be read: retry');
    return found;
  }

  async listOfTicket(ticketId: string): Promise<Attachment[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...keyCondition(attachmentEntity.queries.ofTicket(ticketId)),
        Limit: MAX_TICKET_ATTACHMENTS,
      }),
    );
    return (result.Items ?? []).map(toAttachment);
  }

  async markAvailable(attachment: Attachment, at: string, maxBytes: number) {
    const room = roomFor(attachment.size, maxBytes);
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: attachmentEntity.key(attachment.ticketId, attachment.id),
                UpdateExpression: 'SET #status = :available, #verifiedAt = :at REMOVE #awaitingScan',
                ConditionExpression: '#status = :pending',
                ExpressionAttributeNames: {
                  '#status': 'status',
                  '#verifiedAt': 'verifiedAt',
                  '#awaitingScan': 'awaitingScan',
                },
                ExpressionAttributeValues: { ':available': 'available', ':pending': 'pending', ':at': at },
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: attachmentEntity.usage.key(attachment.ticketId),
                UpdateExpression: 'ADD #bytes :size',
                ConditionExpression: room.condition,
                ExpressionAttributeNames: { '#bytes': 'bytes' },
                ExpressionAttributeValues: { ':size': attachment.size, ...room.values },
              },
            },
          ],
        }),
      );
      return 'ok' as const;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [item, usage] = error.CancellationReasons ?? [];
      if (item?.Code === 'ConditionalCheckFailed') return 'not-pending' as const;
      if (usage?.Code === 'ConditionalCheckFailed') return 'ticket-full' as const;
      throw error;
    }
  }

  async markRejected(attachment: Attachment, at: string, reason: string): Promise<void> {
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: attachmentEntity.key(attachment.ticketId, attachment.id),
          UpdateExpression: 'SET #status = :rejected, #reason = :reason, #verifiedAt = :at',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status', '#reason': 'reason', '#verifiedAt': 'verifiedAt' },
          ExpressionAttributeValues: {
            ':rejected': 'rejected',
            ':pending': 'pending',
            ':reason': reason,
            ':at': at,
          },
        }),
      )
      .catch((error: Error) => {
        // Judged meanwhile (a repeated event): the first verdict stands.
        if (error.name !== 'ConditionalCheckFailedException') throw error;
      });
  }

  async takeable(ticketId: string, ids: readonly string[], uploaderId: string): Promise<MessageAttachment[]> {
    const found = new Map(
      (await this.getMany(ticketId, ids)).map((attachment) => [attachment.id, attachment]),
    );
    return ids.map((id, index) => {
      const attachment = found.get(id);
      const refuse = (why: string) =>
        new Invalid(`Attachment ${id} ${why}`, [{ path: `attachmentIds.${index}`, message: `${id} ${why}` }]);
      if (!attachment || attachment.uploadedBy.id !== uploaderId)
        throw refuse('is not one of your uploads to this ticket');
      if (attachment.messageId) throw refuse('is already attached to a message');
      // A mail's file awaiting the malware scan goes with its message; the scan decides its download.
      if (attachment.status === 'pending' && !attachment.awaitingScan)
        throw refuse('has not been uploaded and verified yet');
      if (attachment.status === 'rejected') throw refuse(`was rejected: ${attachment.reason ?? ''}`.trim());
      return {
        id: attachment.id,
        fileName: attachment.fileName,
        contentType: attachment.contentType,
        size: attachment.size,
      };
    });
  }
}
