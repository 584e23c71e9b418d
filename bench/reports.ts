import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { startDynamoDbLocal } from '#local/dynamodb.js';
import { freePort } from '#local/free-port.js';
import { createLocalServer } from '#local/gateway/server.js';
import { newLocalSecrets, prepareLocalTable } from '#local/prepare.js';
import { demoUsers } from '#local/seed.js';
import { startSesEmulator } from '#local/ses.js';
import { issueUserToken } from '#local/tokens.js';
import type { StreamHandler } from '#platform/adapters/stream-consumer.js';
import { feedbackItem, ticketItem } from '#tickets/adapters/ticket-items.js';
import { generateTimelines } from '../test/reports/timelines.js';
import { insertRecordOf, modifyRecordOf } from '../test/support/stream-records.js';

/**
 * The report routes over a 90-day range (docs/reports.md): DynamoDB calls per request and
 * latency (p50, p99 of sequential requests) on DynamoDB Local, after generated tickets went
 * through the reports consumer. BENCH_REPORT_TICKETS sets how many (default 500);
 * BENCH_REPORT_ROUTES=<text> measures only the routes whose name contains it.
 */
export const benchReports = async () => {
  const tickets = Number(process.env.BENCH_REPORT_TICKETS ?? 500);
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const ses = await startSesEmulator({ port: 0 });
  const secrets = newLocalSecrets();
  await prepareLocalTable(
    {
      tableName: 'helpdesk-bench-reports',
      dynamoEndpoint: dynamo.endpoint,
      sesEndpoint: ses.url,
      ...secrets,
      portalUrl: 'http://localhost',
    },
    { password: 'demo' },
  );
  const server = await createLocalServer({ port: 0, jwtSecret: secrets.jwtSecret, rateLimits: 'off' });
  const { handler } = (await import('#functions/stream/reports.js')) as { handler: StreamHandler };
  const DAY = 86_400_000;
  const to = new Date(Date.now() - DAY).toISOString().slice(0, 10);
  const end = Date.parse(`${to}T00:00:00Z`) + DAY;
  const from = new Date(end - 90 * DAY).toISOString().slice(0, 10);
  const timelines = generateTimelines(tickets, { seed: 90, from: end - 95 * DAY, days: 95 });
  let sequence = 0;
  const next = () => String(++sequence).padStart(21, '0');
  const shards: DynamoDBRecord[][] = Array.from({ length: 8 }, () => []);
  timelines.forEach((timeline, i) => {
    shards[i % shards.length]?.push(
      ...timeline.writes.map(({ before, after }) =>
        before
          ? modifyRecordOf(ticketItem(before), ticketItem(after), next())
          : insertRecordOf(ticketItem(after), next()),
      ),
      ...(timeline.feedback
        ? [insertRecordOf(feedbackItem(timeline.ticket.id, timeline.feedback), next())]
        : []),
    );
  });
  const fed = Date.now();
  await Promise.all(
    shards.map(async (shard) => {
      for (let i = 0; i < shard.length; i += 100)
        await handler({ Records: shard.slice(i, i + 100) } as DynamoDBStreamEvent);
    }),
  );
  const records = shards.reduce((sum, shard) => sum + shard.length, 0);
  const feedSeconds = (Date.now() - fed) / 1000;

  const { db } = (await import('#functions/wiring/api.js')).api;
  let calls = 0;
  let itemsRead = 0;
  db.middlewareStack.add(
    (nextHandler) => async (args) => {
      calls++;
      const result = await nextHandler(args);
      const output = result.output as { Items?: unknown[] };
      itemsRead += output.Items?.length ?? 0;
      return result;
    },
    { step: 'initialize', name: 'benchReportCalls' },
  );
  const lead = demoUsers.find((user) => user.email === 'lead@helpdesk.example');
  if (!lead) throw new Error('no demo lead');
  const token = await issueUserToken(secrets.jwtSecret, lead);
  const api = `${server.url}/api/v1`;
  const range = `from=${from}&to=${to}`;
  const routes: [string, string][] = [
    ['GET /reports/overview (UTC)', `/reports/overview?${range}&timeZone=UTC`],
    ['GET /reports/overview (Europe/Berlin)', `/reports/overview?${range}&timeZone=Europe/Berlin`],
    ['GET /reports/overview (filtered: orgId)', `/reports/overview?${range}&timeZone=UTC&orgId=acme`],
    ['GET /reports/overview (interval month)', `/reports/overview?${range}&timeZone=UTC&interval=month`],
    ['GET /reports/overview (filtered: agent)', `/reports/overview?${range}&timeZone=UTC&agent=user-agent`],
    [
      'GET /reports/overview (filtered: queue, Europe/Berlin)',
      `/reports/overview?${range}&timeZone=Europe/Berlin&queue=billing`,
    ],
    [
      'GET /reports/overview (two filters)',
      `/reports/overview?${range}&timeZone=UTC&orgId=acme&priority=high`,
    ],
    ['GET /reports/agents', `/reports/agents?${range}&timeZone=UTC`],
    ['GET /reports/csat', `/reports/csat?${range}&timeZone=UTC`],
    ['GET /reports/trends', `/reports/trends?to=${to}&timeZone=UTC`],
    ['GET /reports/export.csv?report=overview', `/reports/export.csv?report=overview&${range}&timeZone=UTC`],
    ['GET /reports/export.csv?report=tickets', `/reports/export.csv?report=tickets&${range}&timeZone=UTC`],
  ];
  const only = process.env.BENCH_REPORT_ROUTES;
  const rows = [];
  for (const [route, path] of routes) {
    if (only && !route.includes(only)) continue;
    const get = () => fetch(`${api}${path}`, { headers: { authorization: `Bearer ${token}` } });
    await (await get()).text();
    const before = calls;
    const itemsBefore = itemsRead;
    const measured = await get();
    await measured.text();
    const dynamoCalls = calls - before;
    const items = itemsRead - itemsBefore;
    const times: number[] = [];
    for (let i = 0; i < 100; i++) {
      const started = performance.now();
      await (await get()).text();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    rows.push({
      route,
      status: measured.status,
      dynamoCalls,
      items,
      p50: Math.round(times[49] ?? 0),
      p99: Math.round(times[98] ?? 0),
    });
  }
  console.log(
    `\nReport routes over ${from}…${to} (${tickets} tickets, ${records} records fed in ${feedSeconds} s)`,
  );
  console.table(
    rows.map((row) => ({
      route: row.route,
      status: row.status,
      'DynamoDB calls': row.dynamoCalls,
      'items read': row.items,
      'p50 ms': row.p50,
      'p99 ms': row.p99,
    })),
  );
  await server.close();
  await ses.stop();
  await dynamo.stop();
  return { tickets, records, feedSeconds, range: { from, to }, routes: rows };
};

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
  await benchReports();
  process.exit(0);
}
