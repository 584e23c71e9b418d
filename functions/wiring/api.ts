import { DynamoInbox } from '#notifications/adapters/dynamodb-inbox.js';
import { DynamoSettingsDocuments } from '#platform/adapters/dynamodb-settings-documents.js';
import { readSettings, TableSettings } from '#platform/config.js';
import { noCursors } from '#platform/cursor.js';
import { DynamoTicketsByStatus } from '#sla/adapters/dynamodb-open-tickets.js';
import { openStatuses } from '#sla/policy-impact.js';
import type { CalendarDeps } from '#sla/use-cases/manage-calendars.js';
import type { PolicyPreviewDeps } from '#sla/use-cases/preview-sla-policies.js';
import type { TicketDeps } from '#tickets/use-cases/deps.js';
import type { CategoryDeps } from '#tickets/use-cases/manage-categories.js';
import { automationOf } from './automation.js';
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

/** Open tickets for the policy preview: pages of the status index, the count from the queue counts. */
const ticketsByStatus = new DynamoTicketsByStatus(api.db, api.tableName);
export const policyPreviewDeps: PolicyPreviewDeps = {
  store: api.slaConfigStore,
  clock: api.clock,
  tickets: {
    page: (status, limit, after) => ticketsByStatus.page(status, limit, after),
    countOpen: async () => {
      const open = new Set(openStatuses());
      let total = 0;
      for (const queue of await api.queues.list())
        for (const [status, count] of Object.entries(queue.counts)) if (open.has(status)) total += count;
      return total;
    },
  },
};

export const policyHistory = api.slaConfigStore;

/** SLA calendars: the same store, the container's SLA cache reloads after a save. */
export const calendarDeps: CalendarDeps = {
  calendars: api.slaConfigStore,
  cache: api.slaPolicies.cache,
  clock: api.clock,
};

/** Staff inboxes and notification preferences (docs/notifications.md); listing pages: ./api-lists.ts. */
export const inbox = new DynamoInbox(api.db, api.tableName, noCursors, api.clock);

/** Automation rules: the admin routes and the test endpoint (docs/automation.md). */
export const automationAdmin = automationOf(api).admin;

/** Categories (and the other admin documents): versioned, audited items of the table. */
export const categoryDeps: CategoryDeps = {
  documents: new DynamoSettingsDocuments(api.db, api.tableName),
  clock: api.clock,
};
