import { DynamoCannedResponseStore } from '#desk/adapters/dynamodb-canned-response-store.js';
import { DynamoPresenceStore } from '#desk/adapters/dynamodb-presence-store.js';
import { DynamoSavedViewStore } from '#desk/adapters/dynamodb-saved-view-store.js';
import type { CannedDeps } from '#desk/use-cases/canned-responses.js';
import type { PresenceDeps } from '#desk/use-cases/presence.js';
import type { SavedViewDeps } from '#desk/use-cases/saved-views.js';
import { api } from './api.js';

/** The agent's desk (docs/desk.md): canned responses and presence, over the API family's table adapters. */
export const cannedDeps: CannedDeps = {
  store: new DynamoCannedResponseStore(api.db, api.tableName),
  tickets: api.store,
  clock: api.clock,
  ids: api.ids,
};

export const presenceDeps: PresenceDeps = {
  presence: new DynamoPresenceStore(api.db, api.tableName),
  tickets: api.store,
  clock: api.clock,
};

export const savedViewDeps: SavedViewDeps = {
  views: new DynamoSavedViewStore(api.db, api.tableName),
  clock: api.clock,
  ids: api.ids,
};
