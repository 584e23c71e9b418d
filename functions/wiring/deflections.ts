import { noCursors } from '#platform/cursor.js';
import { DynamoReportStore } from '#reports/adapters/dynamodb-report-store.js';
import { api } from './api.js';

/** A deflection adds to the report aggregates; it lists nothing, so it signs no cursors (no CURSOR_SECRET). */
export const deflectionDeps = {
  store: new DynamoReportStore(api.db, api.tableName, noCursors),
  clock: api.clock,
};
