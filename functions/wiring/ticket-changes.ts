import { withCachedStaffLists } from '#identity/adapters/cached-staff-directory.js';
import { createMailNotifier } from '#notifications/adapters/mail-notifier.js';
import type { MailConfig } from '#notifications/config.js';
import { mailHooks } from '#notifications/index.js';
import { logger } from '#platform/logger.js';
import { autoCloseAtOf, type SlaEngineDeps, slaHooks } from '#sla/engine.js';
import type { SchedulerSettings } from '#sla/settings.js';
import type { TicketHooks } from '#tickets/use-cases/deps.js';
import { composeHooks } from '#tickets/use-cases/hooks.js';
import { slaEngine } from './sla-engine.js';
import type { TableAdapters } from './tables.js';

/**
 * What follows a ticket change, built once per container by the functions that change tickets
 * (never by the read routes): the SLA engine (clocks, the ticket's timer) and
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
  const engine = slaEngine(input);
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
