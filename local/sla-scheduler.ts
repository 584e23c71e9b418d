import { randomUUID } from 'node:crypto';
import { tableClient } from '#platform/adapters/dynamodb-client.js';
import { readSettings, TableSettings } from '#platform/config.js';
import { logger } from '#platform/logger.js';
import { SlaCheckKind, slaFunctionModules } from '#sla/payload.js';
import { loadHandler } from './handler-modules.js';
import { LocalScheduleRunner, TableScheduler } from './table-scheduler.js';

type SlaHandler = (event: unknown, context: { awsRequestId: string }) => Promise<unknown>;

/** `functions/sla/<module>.ts`, the same module the cloud function bundles, loaded once. */
const handlerFor = (payload: unknown): Promise<SlaHandler> => {
  const kind = SlaCheckKind.safeParse((payload as { kind?: unknown } | null)?.kind);
  // A payload without a valid kind still goes to a handler, which validates and drops it.
  return loadHandler<SlaHandler>(
    `functions/sla/${slaFunctionModules[kind.success ? kind.data : 'reminder']}`,
  );
};

const running = new Set<LocalScheduleRunner>();

/** Whether a local scheduler fires this process's timers (GET /health reports it). */
export const isLocalSchedulerRunning = (): boolean => running.size > 0;

/**
 * The local EventBridge Scheduler: fires the pending schedules kept in the table through the
 * SLA handlers, overdue ones at once. Call after the local environment is applied.
 */
export const startSlaScheduler = (options: { rescanMs?: number; concurrency?: number } = {}) => {
  const { table } = readSettings({ table: TableSettings });
  const schedules = new TableScheduler(tableClient(table), table.tableName);
  const runner = new LocalScheduleRunner(
    schedules,
    async (payload) => {
      const handler = await handlerFor(payload);
      await handler(payload, { awsRequestId: randomUUID() });
    },
    {
      log: logger.createChild({ serviceName: 'helpdesk-local-scheduler' }),
      ...(options.rescanMs ? { rescanMs: options.rescanMs } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    },
  );
  // Load every handler up front, so the first check is not late by a module load; stopping
  // waits for these loads, so nothing is still importing after the runtime shut down.
  const preloads = Object.keys(slaFunctionModules).map((kind) => handlerFor({ kind }).catch(() => undefined));
  runner.start();
  running.add(runner);
  return {
    runner,
    schedules,
    stop: async () => {
      running.delete(runner);
      await runner.stop();
      await Promise.all(preloads);
    },
  };
};
