import { readSettings, TableSettings } from '#platform/config.js';
import { noCursors } from '#platform/cursor.js';
import { DynamoTicketsByStatus } from '#sla/adapters/dynamodb-open-tickets.js';
import { SchedulerSettings } from '#sla/settings.js';
import type { ReapplyDeps } from '#sla/use-cases/reapply-policies.js';
import { slaEngine } from './sla-engine.js';
import { slaAdapters, tableAdapters } from './tables.js';

/** The sla-reapply consumer's wiring: the SLA timer family (table and scheduler), the job store and the status index. */
const settings = readSettings({ table: TableSettings, scheduler: SchedulerSettings });

const adapters = tableAdapters(settings.table, noCursors);
const ticketsByStatus = new DynamoTicketsByStatus(adapters.db, adapters.tableName);

export const reapply: ReapplyDeps = {
  engine: slaEngine({ ...adapters, scheduler: settings.scheduler }),
  jobs: slaAdapters(adapters).store,
  tickets: {
    page: (status, limit, after) => ticketsByStatus.page(status, limit, after),
    // The job walks the pages; it never needs the total.
    countOpen: async () => 0,
  },
};
