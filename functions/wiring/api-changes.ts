import { MailSettings } from '#notifications/config.js';
import { readSettings } from '#platform/config.js';
import { SchedulerSettings } from '#sla/settings.js';
import type { TicketDeps, TicketHooks } from '#tickets/use-cases/deps.js';
import { api, ticketDeps } from './api.js';

/**
 * The routes that change tickets. Their mail and scheduler settings are checked at cold start,
 * but the SLA engine and mail composition (./ticket-changes.ts) load on the first change, so
 * a container pays for them only when it writes.
 */
const settings = readSettings({ mail: MailSettings, scheduler: SchedulerSettings });

let changes: Promise<TicketHooks> | undefined;
const loadChanges = (): Promise<TicketHooks> => {
  changes ??= import('./ticket-changes.js').then(
    ({ ticketChanges }) =>
      ticketChanges({ ...api, mail: settings.mail, scheduler: settings.scheduler }).hooks,
  );
  return changes;
};

export const changeDeps: TicketDeps = {
  ...ticketDeps,
  hooks: {
    prepare: async (change, now) => (await loadChanges()).prepare(change, now),
    committed: async (change, now) => (await loadChanges()).committed(change, now),
  },
};
