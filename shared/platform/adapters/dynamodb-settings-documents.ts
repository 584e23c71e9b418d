import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { PreconditionFailed } from '../errors.js';
import type { DocumentChange, SettingsDocuments, StoredDocument } from '../settings-documents.js';
import { ITEM_ABSENT } from '../table/key.js';
import { settingsDocumentChangeEntity, settingsDocumentEntity } from '../table/settings-document.js';

/** Versioned, audited admin documents in the single table (one GetItem to read, one transaction to save). */
export class DynamoSettingsDocuments implements SettingsDocuments {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async load(name: string): Promise<StoredDocument> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: settingsDocumentEntity.key(name),
        ConsistentRead: true,
      }),
    );
    return Item ? { value: Item.value, version: Number(Item.version) } : { value: undefined, version: 0 };
  }

  async save(change: DocumentChange): Promise<number> {
    const version = change.expectedVersion + 1;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...settingsDocumentEntity.item(change.name),
                  value: change.value,
                  version,
                  updatedAt: change.at,
                  updatedBy: change.actor,
                },
                ...(change.expectedVersion === 0
                  ? { ConditionExpression: ITEM_ABSENT }
                  : {
                      ConditionExpression: '#version = :expected',
                      ExpressionAttributeNames: { '#version': 'version' },
                      ExpressionAttributeValues: { ':expected': change.expectedVersion },
                    }),
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...settingsDocumentChangeEntity.item(change.name, version),
                  version,
                  at: change.at,
                  actor: change.actor,
                  before: change.previous ?? null,
                  after: change.value,
                },
                ConditionExpression: ITEM_ABSENT,
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException)
        throw new PreconditionFailed(
          `The ${change.name} were saved by someone else meanwhile: reload and retry`,
        );
      throw error;
    }
    return version;
  }
}
