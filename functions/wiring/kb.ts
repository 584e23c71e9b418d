import { DynamoArticleStore } from '#kb/adapters/dynamodb-article-store.js';
import type { KbDeps } from '#kb/ports.js';
import { noCursors } from '#platform/cursor.js';
import { api } from './api.js';

/** The knowledge base's writes and single reads (docs/kb.md); the list and the search: ./search.ts. */
export const kbDeps: KbDeps = {
  articles: new DynamoArticleStore(api.db, api.tableName, noCursors),
  clock: api.clock,
  ids: api.ids,
};
