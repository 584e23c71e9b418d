import { readSettings } from '#platform/config.js';
import type { StreamChange } from '#platform/stream.js';
import { OpenSearchCollection } from '#search/adapters/opensearch-collection.js';
import { TableBucketSegmentStore } from '#search/adapters/segment-store.js';
import { SearchSettings } from '#search/settings.js';
import { indexTicketChanges, type TicketIndexDeps } from '#search/use-cases/index-tickets.js';
import { indexTicketsInCluster } from '#search/use-cases/index-tickets-cluster.js';
import { api } from './api.js';

/**
 * The search-index stream consumer's wiring (docs/search.md): segment heads in the table, objects
 * in the bucket; with the OpenSearch engine, the tickets go to the collection instead (the
 * knowledge base keeps its segment either way).
 */
const settings = readSettings({ search: SearchSettings });

export const indexDeps: TicketIndexDeps = {
  segments: new TableBucketSegmentStore(api.db, api.tableName, settings.search.bucket, {
    endpoint: settings.search.s3Endpoint,
  }),
  tickets: api.store,
  clock: api.clock,
};

const endpoint = settings.search.engine === 'opensearch' ? settings.search.openSearchEndpoint : null;
const cluster = endpoint ? new OpenSearchCollection({ endpoint }) : null;

/** Indexes the tickets a batch of changes touched, in the engine this deployment uses. */
export const indexTickets = async (changes: readonly StreamChange[]): Promise<void> => {
  if (cluster) await indexTicketsInCluster({ cluster, tickets: api.store }, changes);
  else await indexTicketChanges(indexDeps, changes);
};
