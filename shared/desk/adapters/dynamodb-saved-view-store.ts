import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet } from '#platform/adapters/batch-get.js';
import { deleteCounted, putCounted } from '#platform/adapters/counted-items.js';
import { putVersioned } from '#platform/adapters/versioned-put.js';
import { counterEntity } from '#platform/table/counter.js';
import { keyCondition } from '#platform/table/query.js';
import { savedViewEntity } from '#platform/table/saved-view.js';
import type { SavedViewStore } from '../ports.js';
import { MAX_PERSONAL_VIEWS, MAX_SHARED_VIEWS, type SavedView, viewOwnerKeyOf } from '../saved-view.js';

const viewOf = (item: Record<string, unknown>): SavedView => {
  const { id, name, filters, sort, shared, owner, version, createdAt, updatedAt } =
    item as unknown as SavedView;
  return {
    id,
    name,
    filters,
    sort: sort ?? null,
    shared: shared === true,
    owner,
    version,
    createdAt,
    updatedAt,
  };
};

const capOf = (ownerKey: string | null) => (ownerKey === null ? MAX_SHARED_VIEWS : MAX_PERSONAL_VIEWS);

/** Saved views in the single table (shared/platform/table/saved-view.ts). */
export class DynamoSavedViewStore implements SavedViewStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private itemOf(view: SavedView) {
    return { ...savedViewEntity.item(viewOwnerKeyOf(view), view.id), ...view };
  }

  private async partition(ownerKey: string | null): Promise<SavedView[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...keyCondition(savedViewEntity.ofOwner(ownerKey)),
        // The counter keeps a partition at its cap, and the cap keeps it within one page.
        Limit: capOf(ownerKey),
      }),
    );
    return (result.Items ?? []).map(viewOf);
  }

  async list(ownerId: string): Promise<SavedView[]> {
    const [shared, personal] = await Promise.all([this.partition(null), this.partition(ownerId)]);
    return [...shared, ...personal];
  }

  async find(id: string, ownerId: string): Promise<SavedView | null> {
    const [item] = await batchGet(this.db, this.tableName, {
      Keys: [savedViewEntity.key(null, id), savedViewEntity.key(ownerId, id)],
      ConsistentRead: true,
    });
    return item ? viewOf(item) : null;
  }

  create(view: SavedView): Promise<void> {
    const ownerKey = viewOwnerKeyOf(view);
    return putCounted(this.db, {
      tableName: this.tableName,
      item: this.itemOf(view),
      counter: counterEntity.key(savedViewEntity.counterOf(ownerKey)),
      cap: capOf(ownerKey),
      full: `At most ${capOf(ownerKey)} ${ownerKey === null ? 'shared' : 'personal'} views: delete one first`,
    });
  }

  update(view: SavedView, expectedVersion: number): Promise<void> {
    return putVersioned(this.db, {
      tableName: this.tableName,
      item: this.itemOf(view),
      expectedVersion,
      notFound: `No view ${view.id}`,
      changed: 'The view changed meanwhile: read it again and retry',
    });
  }

  delete(view: SavedView): Promise<void> {
    const ownerKey = viewOwnerKeyOf(view);
    return deleteCounted(this.db, {
      tableName: this.tableName,
      key: savedViewEntity.key(ownerKey, view.id),
      counter: counterEntity.key(savedViewEntity.counterOf(ownerKey)),
      notFound: `No view ${view.id}`,
    });
  }
}
