import { logger } from '#platform/logger.js';
import { rebuildReports } from '#reports/use-cases/rebuild.js';
import { rebuildSource, recordDeps } from '../wiring/reports.js';

/**
 * Rebuilds the report aggregates from the tickets and their history (docs/reports.md), invoked
 * by hand (`aws lambda invoke`) for a back-fill or after a definition changed; the local
 * equivalent is `npm run reports:rebuild`. Up to 15 minutes: enough for about 100,000 tickets.
 */
export const handler = async () => {
  const result = await rebuildReports(recordDeps, rebuildSource, (done) => {
    if (done % 1000 === 0) logger.info('Rebuilding reports', { tickets: done });
  });
  logger.info('Reports rebuilt', result);
  return result;
};
