import { withCachedStaffLists } from '#identity/adapters/cached-staff-directory.js';
import { DynamoInbox } from '#notifications/adapters/dynamodb-inbox.js';
import { createMailNotifier } from '#notifications/adapters/mail-notifier.js';
import { MailSettings } from '#notifications/config.js';
import type { AgentNotificationDeps } from '#notifications/use-cases/notify-agents.js';
import { readSettings, TableSettings } from '#platform/config.js';
import { noCursors } from '#platform/cursor.js';
import { tableAdapters } from './tables.js';

/**
 * The agent-notifications consumer's wiring (functions/stream/agent-notifications.ts): the
 * table and mail settings, read once per container; staff lists cached (every new ticket
 * tells all agents), mail through the notifier and its notification records.
 */
const settings = readSettings({ table: TableSettings, mail: MailSettings });

const adapters = tableAdapters(settings.table, noCursors);
const users = withCachedStaffLists(adapters.users, adapters.clock);

export const agentNotificationDeps: AgentNotificationDeps = {
  tickets: adapters.store,
  users,
  inbox: new DynamoInbox(adapters.db, adapters.tableName, noCursors, adapters.clock),
  notifier: createMailNotifier({
    db: adapters.db,
    tableName: adapters.tableName,
    users,
    clock: adapters.clock,
    ids: adapters.ids,
    config: settings.mail,
  }),
};
