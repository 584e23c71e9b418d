/**
 * `npm run demo:history`: writes the demo history for Reports (local/demo-history.ts) into the
 * table of a running `npm start` (DYNAMODB_PORT, TABLE_NAME as there), once per table — what
 * `npm start` does by itself on a fresh table. `DEMO_HISTORY_TICKETS` sets the size (2000).
 */
import { LOCAL_REGION, localCredentials } from '#local/dynamodb.js';

process.env.TABLE_NAME ??= 'helpdesk';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.DYNAMODB_ENDPOINT ??= `http://localhost:${process.env.DYNAMODB_PORT ?? 8000}`;
process.env.AWS_REGION ??= LOCAL_REGION;
process.env.AWS_ACCESS_KEY_ID ??= localCredentials.accessKeyId;
process.env.AWS_SECRET_ACCESS_KEY ??= localCredentials.secretAccessKey;

const { openDemoHistory, DEMO_HISTORY_DEFAULTS } = await import('#local/prepare.js');
const { reportTables } = await import('#functions/wiring/reports.js');
const tickets = Number(process.env.DEMO_HISTORY_TICKETS ?? DEMO_HISTORY_DEFAULTS.tickets);
const started = Date.now();
const count = await openDemoHistory(reportTables.db, reportTables.tableName, { tickets });
console.log(
  count > 0
    ? `Demo history written: ${count} tickets over ${DEMO_HISTORY_DEFAULTS.days} days in ${((Date.now() - started) / 1000).toFixed(1)} s`
    : `Table ${reportTables.tableName} has its demo history already: nothing written`,
);
