import { randomBytes } from 'node:crypto';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDynamoClient } from './dynamodb.js';
import { applyLocalEnvironment, type LocalEnvironment } from './environment.js';
import { seedDemoData } from './seed.js';
import { ensureTable } from './table.js';

/** Fresh signing secrets for local tokens and page cursors. */
export const newLocalSecrets = (bytes = 24) => ({
  jwtSecret: randomBytes(bytes).toString('base64url'),
  cursorSecret: randomBytes(bytes).toString('base64url'),
});

/**
 * What `npm start`, the test runtime and the benches all do before serving: give the
 * handlers their environment, create the table if missing, and seed the demo data once.
 */
export const prepareLocalTable = async (
  env: LocalEnvironment,
  options: { password: string; seed?: boolean },
) => {
  applyLocalEnvironment(env);
  const client = localDynamoClient(env.dynamoEndpoint);
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const table = await ensureTable(client, env.tableName);
  const seeded = (options.seed ?? true) ? await seedDemoData(db, env.tableName, options.password) : false;
  return { client, db, table, seeded };
};
