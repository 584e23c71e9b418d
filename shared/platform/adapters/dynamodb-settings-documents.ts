import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentChange, SettingsDocuments, StoredDocument } from '../settings-documents.js';
import { settingsDocumentChangeEntity, settingsDocumentEntity } from '../table/settings-document.js';
import { atVersion, saveAudited } from './audited-document.js';

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
    await saveAudited(this.db, {
      tableName: this.tableName,
      document: {
        ...settingsDocumentEntity.item(change.name),
        value: change.value,
        version,
        updatedAt: change.at,
        updatedBy: change.actor,
      },
      condition: atVersion(change.expectedVersion),
      audit: {
        ...settingsDocumentChangeEntity.item(change.name, version),
        version,
        at: change.at,
        actor: change.actor,
        before: change.previous ?? null,
        after: change.value,
      },
      conflict: `The ${change.name} were saved by someone else meanwhile: reload and retry`,
    });
    return version;
  }
}
