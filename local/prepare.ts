import { randomBytes } from 'node:crypto';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEMO_HISTORY_VERSION, DEMO_TICKETS_VERSION } from '#platform/table/demo-seed.js';
import { type DemoHistoryOptions, writeDemoHistory } from './demo-history.js';
import { seedDemoTickets } from './demo-tickets.js';
import { localDynamoClient } from './dynamodb.js';
import { applyLocalEnvironment, type LocalEnvironment } from './environment.js';
import { claimSeed, seedDemoData, seedMailChannel } from './seed.js';
import { ensureTable } from './table.js';

/** Fresh signing secrets for local tokens and page cursors. */
export const newLocalSecrets = (bytes = 24) => ({
  jwtSecret: randomBytes(bytes).toString('base64url'),
  cursorSecret: randomBytes(bytes).toString('base64url'),
});

/**
 * What `npm start`, the test runtime and the benches all do before serving: give the
 * handlers their environment, create the table if missing, and seed the demo data once.
 * With `demoTickets`, it also opens the demo tickets (`openDemoTickets`) before it returns; `npm
 * start` opens them in the background once it serves instead. The tests and benches count
 * tickets, so they leave them out unless they ask.
 */
export const prepareLocalTable = async (
  env: LocalEnvironment,
  options: { password: string; seed?: boolean; demoTickets?: boolean },
) => {
  applyLocalEnvironment(env);
  const client = localDynamoClient(env.dynamoEndpoint);
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const table = await ensureTable(client, env.tableName);
  const seeded = (options.seed ?? true) ? await seedDemoData(db, env.tableName, options.password) : false;
  if (options.seed ?? true) await seedMailChannel(db, env.tableName);
  const demoTickets =
    (options.seed ?? true) && options.demoTickets ? await openDemoTickets(db, env.tableName) : 0;
  return { client, db, table, seeded, demoTickets };
};

/**
 * Opens the demo tickets unless this table has them (their own seed marker): how many it opened.
 * Needs the demo data and the local environment (`prepareLocalTable` first).
 */
export const openDemoTickets = async (
  db: DynamoDBDocumentClient,
  tableName: string,
  signal?: AbortSignal,
): Promise<number> => {
  if (!(await claimSeed(db, tableName, DEMO_TICKETS_VERSION))) return 0;
  // The wiring reads the environment at module load: imported only now that it is set.
  const { changeDeps } = await import('#functions/wiring/api-changes.js');
  return seedDemoTickets(changeDeps, signal);
};

/** The demo history's size by default: about 2,000 tickets over 90 days (docs/reports.md). */
export const DEMO_HISTORY_DEFAULTS = { tickets: 2000, days: 90, seed: 2026 } as const;

/**
 * Writes the demo history for Reports (local/demo-history.ts) unless this table has it (its own
 * seed marker): how many tickets it wrote. Needs the demo data and the local environment.
 */
export const openDemoHistory = async (
  db: DynamoDBDocumentClient,
  tableName: string,
  options: Partial<DemoHistoryOptions> = {},
): Promise<number> => {
  if (!(await claimSeed(db, tableName, DEMO_HISTORY_VERSION))) return 0;
  // The wiring reads the environment at module load: imported only now that it is set.
  const { recordDeps } = await import('#functions/wiring/reports.js');
  const written = await writeDemoHistory(db, tableName, recordDeps, { ...DEMO_HISTORY_DEFAULTS, ...options });
  if (process.env.DEMO_HISTORY_TIMINGS)
    console.log(
      `demo history: counted in ${written.countedMs} ms, ${written.items} items written in ${written.writtenMs} ms`,
    );
  return written.tickets;
};
