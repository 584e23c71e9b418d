import { randomUUID } from 'node:crypto';
import { logger } from '#platform/logger.js';
import type { SweepResult } from '#webhooks/use-cases/deliver.js';

type SweepHandler = (event: unknown, context: { awsRequestId: string }) => Promise<SweepResult>;

/**
 * The local stand-in for the cloud's once-a-minute EventBridge schedule of the webhook retry
 * sweep: it calls the same handler (functions/webhooks/retry-deliveries.ts) when the earliest
 * pending delivery is due, and at least every `rescanMs` (deliveries recorded since). Pending
 * retries are items in the table, so a restart picks them up where they were.
 */
export const startWebhookRetries = (options: { rescanMs?: number } = {}) => {
  const rescanMs = options.rescanMs ?? 5_000;
  const log = logger.createChild({ serviceName: 'helpdesk-local-webhook-retries' });
  const sweep = 'retry-deliveries';
  const loading: Promise<SweepHandler> = import(`../functions/webhooks/${sweep}.ts`).then(
    (module: { handler: SweepHandler }) => module.handler,
  );
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const schedule = (at: number) => {
    if (stopped) return;
    timer = setTimeout(tick, Math.max(0, at - Date.now()));
  };
  const tick = () => {
    timer = null;
    running = loading
      .then((handler) => handler({}, { awsRequestId: randomUUID() }))
      .then((result) => {
        const next = result.nextDueAt ? Date.parse(result.nextDueAt) : Number.POSITIVE_INFINITY;
        schedule(Math.min(next, Date.now() + rescanMs));
      })
      .catch((error) => {
        log.error('The webhook retry sweep failed', { error: String(error) });
        schedule(Date.now() + rescanMs);
      })
      .finally(() => {
        running = null;
      });
  };
  tick();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await loading.catch(() => undefined);
    },
  };
};
