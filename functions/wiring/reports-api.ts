import { CursorSettings, readSettings } from '#platform/config.js';
import { CursorCodec } from '#platform/cursor.js';
import { DynamoReportStore } from '#reports/adapters/dynamodb-report-store.js';
import type { ReportDeps } from '#reports/use-cases/overview.js';
import { api } from './api.js';

/** The report routes read the aggregates; the CSAT list signs its page cursors (CURSOR_SECRET). */
const settings = readSettings({ cursor: CursorSettings });

export const reportDeps: ReportDeps = {
  store: new DynamoReportStore(api.db, api.tableName, new CursorCodec(settings.cursor.cursorSecret)),
  clock: api.clock,
};
