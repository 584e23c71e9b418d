import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { deleteCounted, putCounted } from '#platform/adapters/counted-items.js';
import { putVersioned } from '#platform/adapters/versioned-put.js';
import { cannedResponseEntity } from '#platform/table/canned-response.js';
import { counterEntity } from '#platform/table/counter.js';
import { keyCondition } from '#platform/table/query.js';
import {
  type CannedResponse,
  MAX_PERSONAL_RESPONSES,
  MAX_SHARED_RESPONSES,
  ownerKeyOf,
} from '../canned-response.js';
import type { CannedResponseStore } from '../ports.js';
import { batchGet } from './batch-get.js';

const responseOf = (item: Record<string, unknown>): CannedResponse => {
  const { id, title, body, language, shared, owner, version, createdAt, updatedAt } =
    item as unknown as CannedResponse;
  return { id, title, body, language, shared: shared === true, owner, version, createdAt, updatedAt };
};

const capOf = (ownerKey: string | null) =>
  ownerKey === null ? MAX_SHARED_RESPONSES : MAX_PERSONAL_RESPONSES;

/** Canned responses in the single table (shared/platform/table/canned-response.ts). */
export class DynamoCannedResponseStore implements CannedResponseStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private itemOf(response: CannedResponse) {
    return { ...cannedResponseEntity.item(ownerKeyOf(response), response.id), ...response };
  }

  private async partition(ownerKey: string | null): Promise<CannedResponse[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...keyCondition(cannedResponseEntity.ofOwner(ownerKey)),
        // The counter keeps a partition at its cap, and the cap keeps it within one page.
        Limit: capOf(ownerKey),
      }),
    );
    return (result.Items ?? []).map(responseOf);
  }

  async list(ownerId: string): Promise<CannedResponse[]> {
    const [shared, personal] = await Promise.all([this.partition(null), this.partition(ownerId)]);
    return [...shared, ...personal];
  }

  async find(id: string, ownerId: string): Promise<CannedResponse | null> {
    const [item] = await batchGet(this.db, this.tableName, {
      Keys: [cannedResponseEntity.key(null, id), cannedResponseEntity.key(ownerId, id)],
      ConsistentRead: true,
    });
    return item ? responseOf(item) : null;
  }

  create(response: CannedResponse): Promise<void> {
    const ownerKey = ownerKeyOf(response);
    return putCounted(this.db, {
      tableName: this.tableName,
      item: this.itemOf(response),
      counter: counterEntity.key(cannedResponseEntity.counterOf(ownerKey)),
      cap: capOf(ownerKey),
      full: `At most ${capOf(ownerKey)} ${ownerKey === null ? 'shared' : 'personal'} canned responses: delete one first`,
    });
  }

  update(response: CannedResponse, expectedVersion: number): Promise<void> {
    return putVersioned(this.db, {
      tableName: this.tableName,
      item: this.itemOf(response),
      expectedVersion,
      notFound: `No canned response ${response.id}`,
      changed: 'The canned response changed meanwhile: read it again and retry',
    });
  }

  delete(response: CannedResponse): Promise<void> {
    const ownerKey = ownerKeyOf(response);
    return deleteCounted(this.db, {
      tableName: this.tableName,
      key: cannedResponseEntity.key(ownerKey, response.id),
      counter: counterEntity.key(cannedResponseEntity.counterOf(ownerKey)),
      notFound: `No canned response ${response.id}`,
    });
  }
}
