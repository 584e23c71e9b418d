import { afterAll, inject } from 'vitest';

/**
 * Setup file of every test file (vitest.config.ts): leases the DynamoDB Local instance this file
 * uses from the run's pool (test/support/dynamo-pool.ts) and gives it back when the file ends.
 * Read it with `testDynamoEndpoint()`.
 */
const pool = inject('dynamoPool');

/** One call to the pool, tried twice: a socket can drop on a machine this loaded. */
const ask = async (path: string): Promise<Response> => {
  try {
    return await fetch(`${pool}${path}`, { method: 'POST' });
  } catch {
    return fetch(`${pool}${path}`, { method: 'POST' });
  }
};

const response = await ask('/lease');
if (!response.ok) throw new Error(`The DynamoDB Local pool failed: ${await response.text()}`);
const lease = (await response.json()) as { id: number; endpoint: string };
process.env.TEST_DYNAMODB_ENDPOINT = lease.endpoint;

afterAll(async () => {
  // Unreleased, the instance only lives on until the run ends: nothing for this file to fail on.
  await ask(`/release/${lease.id}`).catch((error: Error) =>
    console.warn(`Could not release DynamoDB Local ${lease.id}: ${error.message}`),
  );
});
