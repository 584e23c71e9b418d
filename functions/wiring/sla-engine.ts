import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { logger } from '#platform/logger.js';
import { EventBridgeScheduler } from '#sla/adapters/eventbridge-scheduler.js';
import type { SlaEngineDeps } from '#sla/engine.js';
import type { Scheduler } from '#sla/ports.js';
import type { SchedulerSettings } from '#sla/settings.js';
import { localSchedulerFor } from './providers.js';
import { slaAdapters, type TableAdapters } from './tables.js';

const schedulerFor = (settings: SchedulerSettings, adapters: TableAdapters): Scheduler => {
  if (settings.mode === 'local') return localSchedulerFor(adapters.tableName);
  const { mode: _, ...config } = settings;
  return new EventBridgeScheduler(new SchedulerClient({}), config, adapters.clock);
};

/**
 * The SLA engine over the table and the scheduler, as the ticket-changing routes (their hooks)
 * and the SLA check functions build it once per container. It sends no mail: the notices it
 * records are mailed by the sla-notices stream consumer (./sla-notices.ts).
 */
export const slaEngine = (input: TableAdapters & { scheduler: SchedulerSettings }): SlaEngineDeps => ({
  store: input.store,
  config: slaAdapters(input).policies.cache,
  scheduler: schedulerFor(input.scheduler, input),
  clock: input.clock,
  ids: input.ids,
  log: logger,
});
