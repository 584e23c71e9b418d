import { indexArticleChanges } from '#kb/use-cases/search-articles.js';
import { indexTicketChanges } from '#search/use-cases/index-tickets.js';
import { indexDeps } from '../wiring/search-index.js';
import { batchStreamConsumer } from '../wiring/stream.js';

/**
 * Keeps the search index (docs/search.md): ticket writes and new messages become documents in
 * their organisation's segment of the month; each segment touched is rewritten once per batch.
 */
export const handler = batchStreamConsumer('search-index', async (changes) => {
  await indexTicketChanges(indexDeps, changes);
  await indexArticleChanges(indexDeps, changes);
});
