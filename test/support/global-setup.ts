import { mkdirSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startSesEmulator } from '#local/ses.js';
import { startDynamoPool } from './dynamo-pool.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The pool that leases each test file its DynamoDB Local (test/support/dynamo-lease.ts). */
    dynamoPool: string;
    sesUrl: string;
  }
}

/**
 * DynamoDB Local (in memory, renewed every few files: test/support/dynamo-pool.ts) and one SES
 * emulator per test run, on ports free right now.
 */
export default async function setup(project: TestProject) {
  mkdirSync('test-results', { recursive: true });
  process.env.TMPDIR = process.env.TMPDIR ?? `${process.cwd()}/.tmp`;
  const dynamo = await startDynamoPool({
    filesPerInstance: Number(process.env.TEST_FILES_PER_DYNAMODB ?? 10),
    // A loaded machine (a CI box, parallel runs) can take longer than npm start's 30 s to boot the JVM.
    readyWithinMs: 120_000,
  });
  const ses = await startSesEmulator({ port: 0 }).catch(async (error) => {
    await dynamo.stop();
    throw error;
  });
  project.provide('dynamoPool', dynamo.url);
  project.provide('sesUrl', ses.url);
  return async () => {
    await ses.stop();
    await dynamo.stop();
  };
}
