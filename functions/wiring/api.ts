import { DynamoAccountStore } from '#identity/adapters/dynamodb-account-store.js';
import { DynamoOrganisationStore } from '#identity/adapters/dynamodb-organisation-store.js';
import type { AccountDeps } from '#identity/use-cases/accounts.js';
import type { OrganisationAdminDeps } from '#identity/use-cases/organisations.js';
import { readSettings, TableSettings } from '#platform/config.js';
import { noCursors } from '#platform/cursor.js';
import { DynamoRoster } from '#queues/adapters/dynamodb-roster.js';
import { cachedQueueDefinitions } from '#queues/queue-definitions.js';
import type { QueueAdminDeps } from '#queues/use-cases/manage-queues.js';
import { teamsOf } from '#queues/use-cases/workload.js';
import { DynamoTicketErasure } from '#tickets/adapters/dynamodb-ticket-erasure.js';
import type { DeleteTicketDeps } from '#tickets/use-cases/delete-ticket.js';
import type { TicketDeps } from '#tickets/use-cases/deps.js';
import { checkAccountsIn } from './account-check.js';
import { tableAdapters } from './tables.js';

/**
 * The API family's wiring, read part: configuration and clients once per container, at module
 * load. A missing variable fails the cold start with its name. Lists add cursors
 * (./api-lists.ts), changes add mail and SLA timers (./api-changes.ts).
 */
const settings = readSettings({ table: TableSettings });

export const api = tableAdapters(settings.table, noCursors);

/** Every route of these families checks that a user token's account is still active. */
checkAccountsIn(api.db, api.tableName, api.clock);

export const { users, queues } = api;

export const ticketDeps: TicketDeps = {
  store: api.store,
  users: api.users,
  organisations: api.organisations,
  clock: api.clock,
  ids: api.ids,
};

/** Administration (docs/admin.md): queues, accounts and the routing state of people. */
export const roster = new DynamoRoster(api.db, api.tableName);
export const queueAdminDeps: QueueAdminDeps = { queues: api.queues, roster, clock: api.clock };
export const accounts = new DynamoAccountStore(api.db, api.tableName);
const routingQueues = cachedQueueDefinitions(api.queues, api.clock);
/** Accounts without the sign-in they keep in step: the account routes add it (./accounts.ts). */
export const accountStoreDeps: Omit<AccountDeps, 'invitations'> = {
  accounts,
  organisations: api.organisations,
  teams: teamsOf(routingQueues),
  clock: api.clock,
};
export const organisationAdminDeps: OrganisationAdminDeps = {
  organisations: new DynamoOrganisationStore(api.db, api.tableName),
  queueExists: (queueId) => api.store.queueExists(queueId),
  clock: api.clock,
};

/** Deleting a ticket (docs/api.md): one read and one transaction; the stream erases the rest. */
export const deleteTicketDeps: DeleteTicketDeps = {
  store: api.store,
  erasures: new DynamoTicketErasure(api.db, api.tableName),
  clock: api.clock,
};
