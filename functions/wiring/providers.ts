import type { Scheduler } from '#sla/ports.js';

/**
 * Adapters only the local runtime can provide: with SCHEDULER_MODE=local, `npm start` and the
 * tests register the table-backed scheduler (local/table-scheduler.ts) before any handler
 * loads. Nothing in a Lambda bundle registers one, so a cloud function can never fall back to it.
 */
let localScheduler: ((tableName: string) => Scheduler) | undefined;

export const provideLocalScheduler = (factory: (tableName: string) => Scheduler): void => {
  localScheduler = factory;
};

export const localSchedulerFor = (tableName: string): Scheduler => {
  if (!localScheduler) {
    throw new Error(
      "SCHEDULER_MODE is 'local', but no local scheduler was provided: only the local runtime (npm start) runs in that mode",
    );
  }
  return localScheduler(tableName);
};
