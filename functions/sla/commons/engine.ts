import { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../../shared/adapters/dynamodb/client.js';
import { DynamoSlaConfigStore } from '../../../shared/adapters/dynamodb/sla-config-store.js';
import {
  EventBridgeScheduler,
  eventBridgeConfigFromEnv,
} from '../../../shared/adapters/scheduler/eventbridge.js';
import { TableScheduler } from '../../../shared/adapters/scheduler/local.js';
import { envNames, optionalEnv } from '../../../shared/config/env.js';
import type { Clock, IdGenerator } from '../../../shared/ports.js';
import { SlaConfigCache } from '../../../shared/sla/configuration.js';
import { type SlaEngineDeps, slaHooks } from '../../../shared/sla/engine.js';
import type { Log, Scheduler, SlaMail } from '../../../shared/sla/ports.js';
import type { TicketStore } from '../../../shared/tickets/ports.js';
import type { TicketHooks } from '../../../shared/tickets/use-cases.js';
import { composeHooks } from '../../../shared/tickets/use-cases.js';

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
