import { DynamoArticleStore } from '#kb/adapters/dynamodb-article-store.js';
import type { KbDeps } from '#kb/ports.js';
import { CursorSettings, readSettings } from '#platform/config.js';
import { CursorCodec } from '#platform/cursor.js';
import { OpenSearchCollection } from '#search/adapters/opensearch-collection.js';
import { TableBucketSegmentStore } from '#search/adapters/segment-store.js';
import { SearchSettings } from '#search/settings.js';
import { SegmentTicketSearch } from '#search/use-cases/search-tickets.js';
import { ClusterTicketSearch } from '#search/use-cases/search-tickets-cluster.js';
import { DynamoTicketStore } from '#tickets/adapters/dynamodb-ticket-store.js';
import type { TicketSearch } from '#tickets/ports.js';
import type { TicketDeps } from '#tickets/use-cases/deps.js';
import { api, ticketDeps } from './api.js';

/**
 * The search routes' wiring (docs/search.md): the list of tickets with its full-text search,
 * the knowledge base's search. Segments are cached per container by their object key.
 */
const settings = readSettings({ cursor: CursorSettings, search: SearchSettings });

const cursors = new CursorCodec(settings.cursor.cursorSecret);

export const segments = new TableBucketSegmentStore(api.db, api.tableName, settings.search.bucket, {
  endpoint: settings.search.s3Endpoint,
});

/** The tickets' search: the segments, or the OpenSearch Serverless collection when infra chose it. */
const ticketSearch: TicketSearch =
  settings.search.engine === 'opensearch' && settings.search.openSearchEndpoint
    ? new ClusterTicketSearch(
        new OpenSearchCollection({ endpoint: settings.search.openSearchEndpoint }),
        cursors,
        api.clock,
      )
    : new SegmentTicketSearch(segments, cursors, api.clock);

export const searchListDeps: TicketDeps = {
  ...ticketDeps,
  store: new DynamoTicketStore(api.db, api.tableName, cursors),
  search: ticketSearch,
};

/** The knowledge base's list pages with the same cursors. */
export const kbListDeps: KbDeps = {
  articles: new DynamoArticleStore(api.db, api.tableName, cursors),
  clock: api.clock,
  ids: api.ids,
};
