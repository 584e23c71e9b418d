import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { withCachedStaffLists } from '#identity/adapters/cached-staff-directory.js';
import { createMailNotifier } from '#notifications/adapters/mail-notifier.js';
import type { MailConfig } from '#notifications/config.js';
import { slaMailThrough } from '#notifications/sla-mail.js';
import { logger } from '#platform/logger.js';
import { EventBridgeScheduler } from '#sla/adapters/eventbridge-scheduler.js';
import { type SlaEngineDeps, slaHooks } from '#sla/engine.js';
import type { Scheduler, SlaMail } from '#sla/ports.js';
import type { SchedulerSettings } from '#sla/settings.js';
import type { TicketHooks } from '#tickets/use-cases/deps.js';
import { localSchedulerFor } from './providers.js';
import type { TableAdapters } from './tables.js';

const schedulerFor = (settings: SchedulerSettings, adapters: TableAdapters): Scheduler => {
  if (settings.mode === 'local') return localSchedulerFor(adapters.tableName);
  const { mode: _, ...config } = settings;
  return new EventBridgeScheduler(new SchedulerClient({}), config, adapters.clock);
};

const engineDeps = (
  input: TableAdapters & { scheduler: SchedulerSettings },
  mail: SlaMail,
): SlaEngineDeps => ({
  store: input.store,
  config: input.slaPolicies.cache,
  scheduler: schedulerFor(input.scheduler, input),
  mail,
  clock: input.clock,
  ids: input.ids,
  log: logger,
});

/**
 * The SLA engine as the SLA check functions run it: it settles due points, sends their notices
 * through the notifier (one notification record per notice) and arms the next timer.
 */
export const slaEngine = (
  input: TableAdapters & { mail: MailConfig; scheduler: SchedulerSettings },
): SlaEngineDeps =>
  engineDeps(
    input,
    slaMailThrough(
      createMailNotifier({
        db: input.db,
        tableName: input.tableName,
        users: withCachedStaffLists(input.users, input.clock),
        clock: input.clock,
        ids: input.ids,
        config: input.mail,
      }),
    ),
  );

/** The ticket routes send no mail: only the SLA checks would, and the routes never run one. */
const noMailOnRequests: SlaMail = {
  send: async () => {
    throw new Error('The ticket routes send no mail: SLA notices are sent by the SLA checks');
  },
};

/**
 * What follows a ticket change inside the request, built once per container by the routes that
 * change tickets: the SLA engine keeps the `sla` block and the ticket's timer in step. Mail is
 * not sent here: the `mail` stream consumer (functions/stream/mail.ts) sends what the change's
 * events cause, after the response.
 */
export const ticketChangeHooks = (input: TableAdapters & { scheduler: SchedulerSettings }): TicketHooks =>
  slaHooks(engineDeps(input, noMailOnRequests));
