import { readSettings } from '#platform/config.js';
import { TableBucketSegmentStore } from '#search/adapters/segment-store.js';
import { SearchSettings } from '#search/settings.js';
import type { TicketIndexDeps } from '#search/use-cases/index-tickets.js';
import { api } from './api.js';

/** The search-index stream consumer's wiring (docs/search.md): segment heads in the table, objects in the bucket. */
const settings = readSettings({ search: SearchSettings });

export const indexDeps: TicketIndexDeps = {
  segments: new TableBucketSegmentStore(api.db, api.tableName, settings.search.bucket, {
    endpoint: settings.search.s3Endpoint,
  }),
  tickets: api.store,
  clock: api.clock,
};
