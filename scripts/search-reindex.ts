/**
 * `npm run search:reindex`: hands every ticket and its messages to the search index again
 * (docs/search.md "Bounded search"): the back-fill of the index of every organisation, or of a
 * lost segment; what is indexed already is left as it is. Locally it works on a running
 * `npm start` (DYNAMODB_PORT, S3_PORT, TABLE_NAME as there); against the cloud, set TABLE_NAME,
 * ATTACHMENTS_BUCKET and AWS credentials and pass `--cloud`. A deployment with the OpenSearch
 * engine also sets SEARCH_ENGINE=opensearch and OPENSEARCH_ENDPOINT (the stack's output), and the
 * credentials must be those of the principal the collection's data access policy names for the
 * back-fill (`searchReindexPrincipal`, docs/search.md).
 */
import { LOCAL_REGION, localCredentials } from '#local/dynamodb.js';

const cloud = process.argv.includes('--cloud');
process.env.TABLE_NAME ??= 'helpdesk';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
if (!cloud) {
  process.env.DYNAMODB_ENDPOINT ??= `http://localhost:${process.env.DYNAMODB_PORT ?? 8000}`;
  process.env.S3_ENDPOINT ??= `http://localhost:${process.env.S3_PORT ?? 4569}`;
  process.env.ATTACHMENTS_BUCKET ??= `${process.env.TABLE_NAME}-attachments`;
  process.env.AWS_REGION ??= LOCAL_REGION;
  process.env.AWS_ACCESS_KEY_ID ??= localCredentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= localCredentials.secretAccessKey;
}

const { reindexTickets } = await import('#search/use-cases/reindex-tickets.js');
const { indexTickets } = await import('#functions/wiring/search-index.js');
const { rebuildSource } = await import('#functions/wiring/reports.js');
const { api } = await import('#functions/wiring/api.js');
const started = Date.now();
const result = await reindexTickets(
  indexTickets,
  { tickets: () => rebuildSource.tickets(), messages: api.store },
  (done) => process.stdout.write(`\r${done} tickets`),
);
console.log(
  `\nSearch index completed in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.tickets} tickets, ${result.messages} messages handed over`,
);
