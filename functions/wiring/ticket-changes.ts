import { withCachedStaffLists } from '#identity/adapters/cached-staff-directory.js';
import { createMailNotifier } from '#notifications/adapters/mail-notifier.js';
import { mailHooks } from '#notifications/index.js';
import { slaMailThrough } from '#notifications/sla-mail.js';
import { logger } from '#platform/logger.js';
import { autoCloseAtOf } from '#sla/engine.js';
import type { SlaPolicyDeps } from '#sla/use-cases/policies.js';
import { clock, db, ids, mailConfig, store, tableName, users } from './api.js';
import { createSlaEngine } from './sla-engine.js';

/**
 * The heavy half of the wiring (mail composition, SES, the scheduler, calendars): loaded
 * by the functions that change tickets or run SLA checks, never by the read routes.
 */
/** Mail for everything: what a ticket change causes (ticket hooks) and the SLA notices. */
export const notifier = createMailNotifier({
  db,
  tableName,
  users: withCachedStaffLists(users, clock),
  clock,
  ids,
  config: mailConfig,
});

/** The SLA engine: its hooks keep each ticket's clocks and timer in step with every change. */
export const slaEngine = createSlaEngine({
  db,
  tableName,
  store,
  clock,
  ids,
  log: logger,
  mail: slaMailThrough(notifier),
  mailHooks: mailHooks(
    notifier,
    (error, request) =>
      logger.error('Could not send a ticket mail', {
        ticketId: request.ticket.id,
        notice: request.notice.kind,
        error: String(error),
      }),
    { autoCloseAt: (ticket) => autoCloseAtOf(ticket) },
  ),
});

export const slaPolicyDeps: SlaPolicyDeps = {
  store: slaEngine.configStore,
  cache: slaEngine.deps.config,
  clock,
};
