import { withCachedStaffLists } from '#identity/adapters/cached-staff-directory.js';
import { createMailNotifier } from '#notifications/adapters/mail-notifier.js';
import { MailSettings } from '#notifications/config.js';
import { slaMailThrough } from '#notifications/sla-mail.js';
import { readSettings, TableSettings } from '#platform/config.js';
import { noCursors } from '#platform/cursor.js';
import { tableAdapters } from './tables.js';

/** The sla-notices consumer's wiring (family `stream-mail`): the ticket store and the SLA mail through the notifier. */
const settings = readSettings({ table: TableSettings, mail: MailSettings });
const adapters = tableAdapters(settings.table, noCursors);

export const slaNotices = {
  store: adapters.store,
  mail: slaMailThrough(
    createMailNotifier({
      db: adapters.db,
      tableName: adapters.tableName,
      users: withCachedStaffLists(adapters.users, adapters.clock),
      clock: adapters.clock,
      ids: adapters.ids,
      config: settings.mail,
    }),
  ),
};
