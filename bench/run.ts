/**
 * `npm run bench`: measured figures, printed as tables and written to bench/results.json.
 * Not a test: numbers depend on the machine. BENCH_SECONDS sets the load duration (default 10).
 * `npm run bench -- --calls` counts the DynamoDB calls per route only (no load, nothing written).
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { benchApi } from './api.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const results: Record<string, unknown> = {
  measuredAt: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
};

const callsOnly = process.argv.includes('--calls');
const api = await benchApi({ seconds, callsOnly });
results.dynamoCallsPerRequest = api.perRoute;
results.load = api.loads;

console.log('\nDynamoDB calls per request (target: ≤ 1 per read route, ≤ 3 per write route)');
console.table(
  api.perRoute.map((row) => ({ route: row.route, status: row.status, 'DynamoDB calls': row.dynamoCalls })),
);
if (callsOnly) process.exit(0);

console.log(
  `\nLatency on the local server (DynamoDB Local, ${seconds} s per scenario; peer: osTicket create p50 25 ms / p99 194 ms at 10 clients, 71 req/s)`,
);
console.table(
  api.loads.map((row) => ({
    scenario: row.scenario,
    connections: row.connections,
    'req/s': row.rps,
    'p50 ms': row.p50,
    'p90 ms': row.p90,
    'p99 ms': row.p99,
    errors: row.errors,
    'non-2xx': row.non2xx,
  })),
);

const extras = [
  ['bundles', './bundles.js', 'benchBundles'],
  ['portal', './portal.js', 'portalBundleSize'],
  ['sla', './sla.js', 'benchSla'],
  ['slaBurst', './sla-burst.js', 'benchSlaBurst'],
  ['dynamodbLocalCallCosts', './dynamodb-local.js', 'benchDynamoDbLocal'],
  ['search', './search.js', 'benchSearch'],
  ['reports', './reports.js', 'benchReports'],
] as const;
for (const [key, module, exported] of extras) {
  const loaded = (await import(module).catch(() => null)) as Record<string, () => Promise<unknown>> | null;
  const run = loaded?.[exported];
  if (run) results[key] = await run();
}

writeFileSync(resolve(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nWritten to bench/results.json');
process.exit(0);
