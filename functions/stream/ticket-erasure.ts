import { logger } from '#platform/logger.js';
import { eraseRemains } from '#tickets/use-cases/erase-remains.js';
import { streamConsumer } from '../wiring/stream.js';
import { erasureDeps } from '../wiring/ticket-erasure.js';

/**
 * Erases what a deleted ticket leaves (docs/change-events.md): its files, the rest of its
 * partition, then marks its erasure record done. The search index drops it in `search-index`.
 */
export const handler = streamConsumer('ticket-erasure', async (change) => {
  const erased = await eraseRemains(erasureDeps, change);
  if (erased) logger.info('ticket erased', erased);
});
