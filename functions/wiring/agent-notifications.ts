import { DynamoInbox } from '#notifications/adapters/dynamodb-inbox.js';
import type { AgentNotificationDeps } from '#notifications/use-cases/notify-agents.js';
import { noCursors } from '#platform/cursor.js';
import { mailConsumerWiring } from './mail-consumers.js';

/**
 * The agent-notifications consumer's wiring (functions/stream/agent-notifications.ts): the
 * ticket store, the staff directory, the inbox in the table, and mail through the notifier and
 * its notification records.
 */
const { adapters, users, notifier, teams } = mailConsumerWiring();

export const agentNotificationDeps: AgentNotificationDeps = {
  tickets: adapters.store,
  users,
  inbox: new DynamoInbox(adapters.db, adapters.tableName, noCursors, adapters.clock),
  notifier,
  teams,
};
