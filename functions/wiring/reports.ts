import { readSettings, TableSettings } from '#platform/config.js';
import { noCursors } from '#platform/cursor.js';
import { DynamoRebuildSource } from '#reports/adapters/dynamodb-rebuild-source.js';
import { DynamoReportStore } from '#reports/adapters/dynamodb-report-store.js';
import { businessSecondsUnder } from '#reports/business-time.js';
import type { RecordDeps } from '#reports/use-cases/record-change.js';
import { settingsForTicket } from '#sla/configuration.js';
import { slaAdapters, tableAdapters } from './tables.js';

/**
 * The reports consumer's wiring (functions/stream/reports.ts) and the rebuild's: the report
 * aggregates in the table, and business time under each ticket's SLA calendar (the SLA
 * configuration read through its cache, once per period).
 */
const settings = readSettings({ table: TableSettings });

export const reportTables = tableAdapters(settings.table, noCursors);

export const recordDeps: RecordDeps = {
  store: new DynamoReportStore(reportTables.db, reportTables.tableName, noCursors),
  businessTimeOf: async (ticket) => {
    const config = await slaAdapters(reportTables).policies.cache.get();
    return businessSecondsUnder(settingsForTicket(config, ticket).time);
  },
};

/** What the rebuild reads (functions/reports/rebuild.ts, scripts/reports-rebuild.ts). */
export const rebuildSource = new DynamoRebuildSource(reportTables.db, reportTables.tableName);
