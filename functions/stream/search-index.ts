import { indexArticleChanges } from '#kb/use-cases/search-articles.js';
import { indexDeps, indexTickets } from '../wiring/search-index.js';
import { batchStreamConsumer } from '../wiring/stream.js';

/**
 * Keeps the search index (docs/search.md): ticket writes and new messages become documents in
 * their organisation's segment of the month (each segment touched is rewritten once per batch),
 * or, with the OpenSearch engine, one document per ticket in the collection.
 */
export const handler = batchStreamConsumer('search-index', async (changes) => {
  await indexTickets(changes);
  await indexArticleChanges(indexDeps, changes);
});
