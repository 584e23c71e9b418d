import { mkdirSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '#local/dynamodb.js';
import { freePort } from '#local/free-port.js';
import { startSesEmulator } from '#local/ses.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    sesUrl: string;
  }
}

/** One DynamoDB Local (in memory) and one SES emulator per test run, on ports free right now. */
export default async function setup(project: TestProject) {
  mkdirSync('test-results', { recursive: true });
  process.env.TMPDIR = process.env.TMPDIR ?? `${process.cwd()}/.tmp`;
  // A loaded machine (a CI box, parallel runs) can take longer than npm start's 30 s to boot the JVM.
  const dynamo = await startDynamoDbLocal({ port: await freePort(), readyWithinMs: 120_000 });
  const ses = await startSesEmulator({ port: 0 }).catch(async (error) => {
    await dynamo.stop();
    throw error;
  });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('sesUrl', ses.url);
  return async () => {
    await ses.stop();
    await dynamo.stop();
  };
}
