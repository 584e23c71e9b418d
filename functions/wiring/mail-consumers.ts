import { withCachedStaffLists } from '#identity/adapters/cached-staff-directory.js';
import { createMailNotifier } from '#notifications/adapters/mail-notifier.js';
import { MailSettings } from '#notifications/config.js';
import { queueTeams } from '#notifications/queue-teams.js';
import { readSettings, TableSettings } from '#platform/config.js';
import { noCursors } from '#platform/cursor.js';
import { DynamoRoster } from '#queues/adapters/dynamodb-roster.js';
import { cachedQueueDefinitions } from '#queues/queue-definitions.js';
import { tableAdapters } from './tables.js';

/**
 * What the stream consumers that send mail share (mail, sla-notices, agent-notifications): the
 * table and mail settings read once per container, the table's adapters, the staff directory
 * with cached staff lists (every new ticket reads the agents), and the notifier over the
 * notification records and SES.
 */
export const mailConsumerWiring = () => {
  const settings = readSettings({ table: TableSettings, mail: MailSettings });
  const adapters = tableAdapters(settings.table, noCursors);
  const users = withCachedStaffLists(adapters.users, adapters.clock);
  const teams = queueTeams(
    cachedQueueDefinitions(adapters.queues, adapters.clock),
    new DynamoRoster(adapters.db, adapters.tableName),
  );
  const notifier = createMailNotifier({
    teams,
    db: adapters.db,
    tableName: adapters.tableName,
    users,
    clock: adapters.clock,
    ids: adapters.ids,
    config: settings.mail,
  });
  return { adapters, users, notifier, teams };
};
