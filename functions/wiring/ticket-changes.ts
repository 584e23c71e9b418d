import { logger } from '#platform/logger.js';
import { DynamoRoster } from '#queues/adapters/dynamodb-roster.js';
import { DynamoWaitingTickets } from '#queues/adapters/dynamodb-waiting-tickets.js';
import { cachedQueueDefinitions } from '#queues/queue-definitions.js';
import {
  freedAgentOf,
  type PullDeps,
  pullQueuedTickets,
  routingHooks,
} from '#queues/use-cases/auto-assign.js';
import { slaHooks } from '#sla/engine.js';
import type { SchedulerSettings } from '#sla/settings.js';
import type { TicketDeps, TicketHooks } from '#tickets/use-cases/deps.js';
import { composeHooks } from '#tickets/use-cases/hooks.js';
import { automationOf } from './automation.js';
import { slaEngine } from './sla-engine.js';
import type { TableAdapters } from './tables.js';

/** Routing over the table: the queue definitions (cached per container) and the roster. */
export const routingOf = (input: TableAdapters) => ({
  queues: cachedQueueDefinitions(input.queues, input.clock),
  roster: new DynamoRoster(input.db, input.tableName),
  ids: input.ids,
});

/**
 * What follows a ticket change inside the request, built once per container by the routes that
 * change tickets: the automation rules on created/updated (docs/automation.md), then
 * auto-assignment picks the assignee of a ticket entering a queue (in the same
 * transaction), the SLA engine keeps the `sla` block and the ticket's timer in step, and an agent
 * a change freed is handed the oldest waiting ticket that fits them. Mail is not sent here: the
 * stream consumers (functions/stream/mail.ts, sla-notices.ts, agent-notifications.ts) send what
 * the change's events cause, after the response.
 */
export const ticketChangeHooks = (
  input: TableAdapters & { scheduler: SchedulerSettings },
): { hooks: TicketHooks; pull: PullDeps } => {
  const routing = routingOf(input);
  const deps: TicketDeps = {
    store: input.store,
    users: input.users,
    organisations: input.organisations,
    clock: input.clock,
    ids: input.ids,
  };
  const pull: PullDeps = {
    ...routing,
    tickets: deps,
    store: input.store,
    waiting: new DynamoWaitingTickets(input.db, input.tableName),
    clock: input.clock,
  };
  const refill: TicketHooks = {
    prepare: async (change) => change,
    async committed(change) {
      const freed = freedAgentOf(change);
      if (!freed) return;
      // The change is stored: handing out waiting tickets is a follow-up that must not fail it.
      try {
        await pullQueuedTickets(pull, freed);
      } catch (error) {
        logger.error('Could not hand waiting tickets to a freed agent', {
          agentId: freed,
          error: String(error),
        });
      }
    },
  };
  // Rules first: routing and the SLA engine then work on the ticket as the rules left it.
  deps.hooks = composeHooks(
    automationOf(input).hooks(),
    routingHooks(routing),
    slaHooks(slaEngine(input)),
    refill,
  );
  return { hooks: deps.hooks, pull };
};
