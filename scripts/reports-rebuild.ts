/**
 * `npm run reports:rebuild`: clears the report aggregates and counts every ticket again from its
 * history (docs/reports.md). Locally it works on the table of a running `npm start`
 * (DYNAMODB_PORT, TABLE_NAME as there); against the cloud, set TABLE_NAME and AWS credentials
 * and pass `--cloud` (or invoke the rebuild Lambda).
 */
import { LOCAL_REGION, localCredentials } from '#local/dynamodb.js';

const cloud = process.argv.includes('--cloud');
process.env.TABLE_NAME ??= 'helpdesk';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
if (!cloud) {
  process.env.DYNAMODB_ENDPOINT ??= `http://localhost:${process.env.DYNAMODB_PORT ?? 8000}`;
  process.env.AWS_REGION ??= LOCAL_REGION;
  process.env.AWS_ACCESS_KEY_ID ??= localCredentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= localCredentials.secretAccessKey;
}

const { rebuildReports } = await import('#reports/use-cases/rebuild.js');
const { rebuildSource, recordDeps } = await import('#functions/wiring/reports.js');
const started = Date.now();
const result = await rebuildReports(recordDeps, rebuildSource, (done) =>
  process.stdout.write(`\r${done} tickets`),
);
console.log(
  `\nReports rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.tickets} tickets, ${result.changes} changes counted, ${result.cleared} old report items cleared`,
);
