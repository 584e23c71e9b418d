import { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TableScheduler } from '#local/table-scheduler.js';
import { createDocumentClient } from '#platform/adapters/dynamodb-client.js';
import { envNames, optionalEnv } from '#platform/config.js';
import type { Clock, IdGenerator } from '#platform/ports.js';
import { DynamoSlaConfigStore } from '#sla/adapters/dynamodb-sla-config-store.js';
import { EventBridgeScheduler, eventBridgeConfigFromEnv } from '#sla/adapters/eventbridge-scheduler.js';
import { SlaConfigCache } from '#sla/configuration.js';
import { type SlaEngineDeps, slaHooks } from '#sla/engine.js';
import type { Log, Scheduler, SlaMail } from '#sla/ports.js';
import type { TicketStore } from '#tickets/ports.js';
import { composeHooks, type TicketHooks } from '#tickets/use-cases/hooks.js';

/**
 * `eventbridge` in the cloud (the CDK app sets it with the schedule group, role, targets and
 * DLQ); `local` for `npm start` and the tests: pending schedules in the table, fired in-process.
 */
const schedulerMode = optionalEnv(envNames.schedulerMode, 'local');
const dynamoEndpoint = process.env[envNames.dynamoEndpoint];

const schedulerFor = (tableName: string, clock: Clock): Scheduler => {
  if (schedulerMode === 'eventbridge')
    return new EventBridgeScheduler(new SchedulerClient({}), eventBridgeConfigFromEnv(), clock);
  if (schedulerMode !== 'local')
    throw new Error(`${envNames.schedulerMode} must be 'eventbridge' or 'local', not '${schedulerMode}'`);
  // Its own client: these writes stand in for EventBridge Scheduler calls, not for the
  // product's DynamoDB traffic (the benchmark counts the handlers' client only).
  return new TableScheduler(
    createDocumentClient(dynamoEndpoint ? { endpoint: dynamoEndpoint } : {}),
    tableName,
  );
};

export interface SlaEngine {
  deps: SlaEngineDeps;
  configStore: DynamoSlaConfigStore;
  /** The SLA hooks, then the hooks that mail what a change causes. */
  hooks: TicketHooks;
}

/** The SLA engine over the product's table, once per container. */
export const createSlaEngine = (input: {
  db: DynamoDBDocumentClient;
  tableName: string;
  store: TicketStore;
  clock: Clock;
  ids: IdGenerator;
  log: Log;
  mail: SlaMail;
  mailHooks?: TicketHooks;
}): SlaEngine => {
  const configStore = new DynamoSlaConfigStore(input.db, input.tableName);
  const deps: SlaEngineDeps = {
    store: input.store,
    config: new SlaConfigCache(configStore, input.clock),
    scheduler: schedulerFor(input.tableName, input.clock),
    mail: input.mail,
    clock: input.clock,
    ids: input.ids,
    log: input.log,
  };
  const hooks = input.mailHooks ? composeHooks(slaHooks(deps), input.mailHooks) : slaHooks(deps);
  return { deps, configStore, hooks };
};
