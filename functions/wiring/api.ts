import { DynamoInbox } from '#notifications/adapters/dynamodb-inbox.js';
import { readSettings, TableSettings } from '#platform/config.js';
import { noCursors } from '#platform/cursor.js';
import type { TicketDeps } from '#tickets/use-cases/deps.js';
import { tableAdapters } from './tables.js';

/**
 * The API family's wiring, read part: configuration and clients once per container, at module
 * load. A missing variable fails the cold start with its name. Lists add cursors
 * (./api-lists.ts), changes add mail and SLA timers (./api-changes.ts).
 */
const settings = readSettings({ table: TableSettings });

export const api = tableAdapters(settings.table, noCursors);

export const { users, queues } = api;

export const ticketDeps: TicketDeps = {
  store: api.store,
  users: api.users,
  organisations: api.organisations,
  clock: api.clock,
  ids: api.ids,
};

export const slaPolicyDeps = api.slaPolicies;

/** Staff inboxes and notification preferences (docs/notifications.md); listing pages: ./api-lists.ts. */
export const inbox = new DynamoInbox(api.db, api.tableName, noCursors, api.clock);
