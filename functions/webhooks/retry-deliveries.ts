import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { logger } from '#platform/logger.js';
import { retryDueDeliveries, type SweepResult } from '#webhooks/use-cases/deliver.js';
import { deliveryDeps } from '../wiring/webhook-delivery.js';

/**
 * The webhook retry sweep (docs/webhooks.md): attempts the deliveries whose next attempt is
 * due. Cloud: an EventBridge Scheduler rate schedule invokes it every minute
 * (infra/constructs/webhook-retries.ts). Local: local/webhook-retries.ts calls it when the
 * earliest pending delivery is due.
 */
export const handler = middy<unknown, SweepResult>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const result = await retryDueDeliveries(deliveryDeps);
    if (result.attempted > 0) logger.info('Webhook retries attempted', { ...result });
    return result;
  });
