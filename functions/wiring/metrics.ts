import { Metrics } from '@aws-lambda-powertools/metrics';
import { businessMetrics } from '#tickets/event-metrics.js';

/**
 * The metrics consumer's wiring: Powertools Metrics writes CloudWatch embedded metric format
 * to the function's log, in the `Helpdesk` namespace. The local runtime turns it off
 * (POWERTOOLS_METRICS_DISABLED) so `npm start` prints no metric documents.
 */
export const metrics = new Metrics({
  namespace: businessMetrics.namespace,
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'helpdesk',
});
