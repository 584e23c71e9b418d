import { MailSettings } from '#notifications/config.js';
import { readSettings, TableSettings } from '#platform/config.js';
import { noCursors } from '#platform/cursor.js';
import { SchedulerSettings } from '#sla/settings.js';
import { tableAdapters } from './tables.js';
import { slaEngine } from './ticket-changes.js';

/** The SLA timer family's wiring: the same store, engine and mail as the ticket routes. */
const settings = readSettings({ table: TableSettings, mail: MailSettings, scheduler: SchedulerSettings });

export const engine = slaEngine({
  ...tableAdapters(settings.table, noCursors),
  mail: settings.mail,
  scheduler: settings.scheduler,
});
