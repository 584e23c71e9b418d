import { startSlaScheduler } from './sla-scheduler.js';
import { startWebhookRetries } from './webhook-retries.js';

/**
 * Background parts of the local runtime beyond the API: the SLA engine's local scheduler and
 * the webhook retry sweep. Returns the functions that stop them.
 */
export const startLocalExtensions = async (): Promise<(() => Promise<void>)[]> => {
  const scheduler = startSlaScheduler();
  const webhookRetries = startWebhookRetries();
  return [scheduler.stop, webhookRetries.stop];
};
