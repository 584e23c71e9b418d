import { randomBytes } from 'node:crypto';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEMO_TICKETS_VERSION } from '#platform/table/demo-seed.js';
import { seedDemoTickets } from './demo-tickets.js';
import { localDynamoClient } from './dynamodb.js';
import { applyLocalEnvironment, type LocalEnvironment } from './environment.js';
import { claimSeed, seedDemoData } from './seed.js';
import { ensureTable } from './table.js';

/** Fresh signing secrets for local tokens and page cursors. */
export const newLocalSecrets = (bytes = 24) => ({
  jwtSecret: randomBytes(bytes).toString('base64url'),
  cursorSecret: randomBytes(bytes).toString('base64url'),
});

/**
 * What `npm start`, the test runtime and the benches all do before serving: give the
 * handlers their environment, create the table if missing, and seed the demo data once.
 * With `demoTickets` (npm start), the first start also opens the demo tickets (./demo-tickets.ts,
 * once per table: their own marker) through the routes' own use cases; the tests and benches
 * count tickets, so they leave it off unless they ask.
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
  let demoTickets = 0;
  if (
    (options.seed ?? true) &&
    options.demoTickets &&
    (await claimSeed(db, env.tableName, DEMO_TICKETS_VERSION))
  ) {
    // The wiring reads the environment at module load: imported only now that it is set.
    const { changeDeps } = await import('#functions/wiring/api-changes.js');
    demoTickets = await seedDemoTickets(changeDeps);
  }
  return { client, db, table, seeded, demoTickets };
};
