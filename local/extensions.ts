import { startSlaScheduler } from './sla-scheduler.js';
import { dataDirPollerStore, startLocalStream } from './stream.js';

/**
 * Background parts of the local runtime beyond the API: the change-stream consumers (their
 * positions and dead letters kept in the data folder) and the SLA engine's local scheduler.
 * Returns what stops them and how many dead letters the stream holds.
 */
export const startLocalExtensions = async (options: { dataDir: string; tableName: string }) => {
  const stream = await startLocalStream({ store: dataDirPollerStore(options.dataDir, options.tableName) });
  const scheduler = startSlaScheduler();
  return {
    stops: [scheduler.stop, stream.stop],
    deadLetters: () => stream.deadLetters().length,
  };
};
