import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { withCachedStaffLists } from '#identity/adapters/cached-staff-directory.js';
import { createMailNotifier } from '#notifications/adapters/mail-notifier.js';
import type { MailConfig } from '#notifications/config.js';
import { mailHooks } from '#notifications/index.js';
import { slaMailThrough } from '#notifications/sla-mail.js';
import { logger } from '#platform/logger.js';
import { EventBridgeScheduler } from '#sla/adapters/eventbridge-scheduler.js';
import { autoCloseAtOf, type SlaEngineDeps, slaHooks } from '#sla/engine.js';
import type { Scheduler } from '#sla/ports.js';
import type { SchedulerSettings } from '#sla/settings.js';
import type { TicketHooks } from '#tickets/use-cases/deps.js';
import { composeHooks } from '#tickets/use-cases/hooks.js';
import { localSchedulerFor } from './providers.js';
import type { TableAdapters } from './tables.js';

const schedulerFor = (settings: SchedulerSettings, adapters: TableAdapters): Scheduler => {
  if (settings.mode === 'local') return localSchedulerFor(adapters.tableName);
  const { mode: _, ...config } = settings;
  return new EventBridgeScheduler(new SchedulerClient({}), config, adapters.clock);
};

/**
 * What follows a ticket change, built once per container by the functions that change tickets
 * or run SLA checks (never by the read routes): the SLA engine (clocks, the ticket's timer) and
 * the mails the change causes, composed as the ticket use cases' hooks.
 */
export const ticketChanges = (
  input: TableAdapters & { mail: MailConfig; scheduler: SchedulerSettings },
): { engine: SlaEngineDeps; hooks: TicketHooks } => {
  const notifier = createMailNotifier({
    db: input.db,
    tableName: input.tableName,
    users: withCachedStaffLists(input.users, input.clock),
    clock: input.clock,
    ids: input.ids,
    config: input.mail,
  });
  const engine: SlaEngineDeps = {
    store: input.store,
    config: input.slaPolicies.cache,
    scheduler: schedulerFor(input.scheduler, input),
    mail: slaMailThrough(notifier),
    clock: input.clock,
    ids: input.ids,
    log: logger,
  };
  const mail = mailHooks(
    notifier,
    (error, request) =>
      logger.error('Could not send a ticket mail', {
        ticketId: request.ticket.id,
        notice: request.notice.kind,
        error: String(error),
      }),
    { autoCloseAt: (ticket) => autoCloseAtOf(ticket) },
  );
  return { engine, hooks: composeHooks(slaHooks(engine), mail) };
};
