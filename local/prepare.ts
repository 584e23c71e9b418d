import { randomBytes } from 'node:crypto';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEMO_TICKETS_VERSION } from '#platform/table/demo-seed.js';
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
