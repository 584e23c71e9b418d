import { afterAll, inject } from 'vitest';

/**
 * Setup file of every test file (vitest.config.ts): leases the DynamoDB Local instance this file
 * uses from the run's pool (test/support/dynamo-pool.ts) and gives it back when the file ends.
 * Read it with `testDynamoEndpoint()`.
 */
const pool = inject('dynamoPool');
const response = await fetch(`${pool}/lease`, { method: 'POST' });
if (!response.ok) throw new Error(`The DynamoDB Local pool failed: ${await response.text()}`);
const lease = (await response.json()) as { id: number; endpoint: string };
process.env.TEST_DYNAMODB_ENDPOINT = lease.endpoint;

afterAll(async () => {
  await fetch(`${pool}/release/${lease.id}`, { method: 'POST' });
});
