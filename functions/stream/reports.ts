import { logger } from '#platform/logger.js';
import { recordStreamChange } from '#reports/use-cases/record-change.js';
import { recordDeps } from '../wiring/reports.js';
import { streamConsumer } from '../wiring/stream.js';

/**
 * Keeps the report aggregates (docs/reports.md): every ticket write and every rating, filtered
 * to those (./consumers.ts). Idempotent: a change counts once however often its record comes.
 */
export const handler = streamConsumer('reports', async (change) => {
  const outcome = await recordStreamChange(recordDeps, change);
  if (outcome === 'already') logger.debug('Report change already counted', { sequence: change.sequence });
});
