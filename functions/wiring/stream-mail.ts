import { withCachedStaffLists } from '#identity/adapters/cached-staff-directory.js';
import { createMailNotifier } from '#notifications/adapters/mail-notifier.js';
import type { ChangeMailDeps } from '#notifications/change-mail.js';
import { MailSettings } from '#notifications/config.js';
import { readSettings, TableSettings } from '#platform/config.js';
import { noCursors } from '#platform/cursor.js';
import { autoCloseAtOf } from '#sla/engine.js';
import { tableAdapters } from './tables.js';

/**
 * The mail consumer's wiring (`stream-mail`): the ticket store it reads the ticket and message
 * from, and the notifier (notification records in the table, SES), built once per container.
 */
const settings = readSettings({ table: TableSettings, mail: MailSettings });
const adapters = tableAdapters(settings.table, noCursors);

export const changeMailDeps: ChangeMailDeps = {
  tickets: adapters.store,
  notifier: createMailNotifier({
    db: adapters.db,
    tableName: adapters.tableName,
    users: withCachedStaffLists(adapters.users, adapters.clock),
    clock: adapters.clock,
    ids: adapters.ids,
    config: settings.mail,
  }),
  autoCloseAt: autoCloseAtOf,
};
