import { startSlaScheduler } from './sla-scheduler.js';
import { dataDirPollerStore, startLocalStream } from './stream.js';
import { startWebhookRetries } from './webhook-retries.js';

/**
 * Background parts of the local runtime beyond the API: the change-stream consumers (their
 * positions and dead letters kept in the data folder), the SLA engine's local scheduler and
 * the webhook retry sweep. Returns what stops them and how many dead letters the stream holds.
 */
export const startLocalExtensions = async (options: { dataDir: string; tableName: string }) => {
  const stream = await startLocalStream({ store: dataDirPollerStore(options.dataDir, options.tableName) });
  const scheduler = startSlaScheduler();
  const webhookRetries = startWebhookRetries();
  return {
    stops: [scheduler.stop, webhookRetries.stop, stream.stop],
    deadLetters: () => stream.deadLetters().length,
  };
};
