import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import type { User } from '#identity/user.js';
import { startLocalAttachmentStorage } from '#local/attachments.js';
import { LOCAL_INBOUND_ADDRESS } from '#local/environment.js';
import { freePort } from '#local/free-port.js';
import type { RateLimitSettings } from '#local/gateway/rate-limit.js';
import { createLocalServer } from '#local/gateway/server.js';
import { newLocalSecrets, prepareLocalTable } from '#local/prepare.js';
import type { LocalS3Server } from '#local/s3.js';
import { demoUsers } from '#local/seed.js';
import { type LocalSmtpServer, startSmtpServer } from '#local/smtp.js';
import { startLocalStream } from '#local/stream.js';
import { type DeadLetter, memoryPollerStore } from '#local/stream-poller.js';
import { demoIntegratorSecret, issueIntegratorToken, issueUserToken } from '#local/tokens.js';
import { testDynamoEndpoint } from './dynamo-endpoint.js';

export type DemoLogin =
  | 'client@acme.example'
  | 'client@globex.example'
  | 'agent@helpdesk.example'
  | 'agent2@helpdesk.example'
  | 'lead@helpdesk.example'
  | 'admin@helpdesk.example';

export interface TestRuntime {
  baseUrl: string;
  api: string;
  sesUrl: string;
  tableName: string;
  db: DynamoDBDocumentClient;
  /** A bearer token for a demo user (signed like the local login does). */
  token(email: DemoLogin): Promise<string>;
  /** A bearer token for any account (e.g. one a test invited), signed as the local login signs it. */
  userToken(user: User): Promise<string>;
  integratorToken(scopes: string[]): Promise<string>;
  /** The demo integrator's client secret (`demo-integrator`), as `npm start` prints it. */
  integratorSecret: string;
  /**
   * Resolves once every change written so far has been handed to the stream consumers
   * (mail, notifications, webhooks…), which `npm start` runs in the background.
   */
  drained(): Promise<void>;
  /** Records the stream consumers gave up on after their retries. */
  deadLetters(): DeadLetter[];
  /** The local S3 server (its own per test file) and the attachment bucket on it. */
  s3Endpoint: string;
  attachmentsBucket: string;
  /**
   * Resolves once every object stored so far has been verified (the verification runs when
   * the object lands, off the upload's response, as S3 notifies Lambda in the cloud).
   */
  uploadsVerified(): Promise<void>;
  /** The local SMTP server (its own per runtime), accepting mail for support@helpdesk.example. */
  smtp: { host: string; port: number };
  /** Resolves once every mail the SMTP server stored so far has been handled. */
  mailHandled(): Promise<void>;
  /** Number of items in this runtime's table (test-only Scan). */
  itemCount(): Promise<number>;
  stop(): Promise<void>;
}

const secrets = newLocalSecrets();
let tableName: string | undefined;
/** The stream's positions survive a restart within the file, as `npm start`'s do across runs. */
const streamStore = memoryPollerStore();
/** The local S3 server's port and files: a restart within the file serves the same bucket. */
let s3Port: number | undefined;
let s3Directory: string | undefined;

/**
 * The product as `npm start` runs it, on the run's shared DynamoDB Local and SES emulator,
 * with its own table (one per test file) seeded with the demo data. Calling it again in the
 * same file restarts the server on the same table (handler modules keep their configuration).
 */
export const startTestRuntime = async (
  options: {
    seed?: boolean;
    /**
     * Off by default: most suites count tickets. On, the first start on the table opens the
     * demo tickets `npm start` opens (local/demo-tickets.ts).
     */
    demoTickets?: boolean;
    port?: number;
    /**
     * Off by default: suites fire hundreds of requests a second as one caller on purpose
     * (concurrency, fast-check); the rate-limit tests turn the product's budgets on.
     */
    rateLimits?: RateLimitSettings;
    /** Run the change-stream consumers (default true). */
    stream?: boolean;
    /** Where mail goes (default: the run's SES emulator); a test of a mail outage names a closed port. */
    sesEndpoint?: string;
  } = {},
): Promise<TestRuntime> => {
  const dynamoEndpoint = testDynamoEndpoint();
  const sesUrl = inject('sesUrl');
  tableName ??= `helpdesk-test-${randomBytes(4).toString('hex')}`;
  s3Port ??= await freePort();
  s3Directory ??= join(process.env.TMPDIR ?? resolve(import.meta.dirname, '../../.tmp'), `s3-${tableName}`);
  const s3: LocalS3Server = await startLocalAttachmentStorage({
    port: s3Port,
    directory: s3Directory,
    bucket: tableName,
    // The gateway's port is chosen after; presigned URLs are the authorization anyway.
    corsOrigins: ['*'],
  });
  const { client, db } = await prepareLocalTable(
    {
      tableName,
      dynamoEndpoint,
      sesEndpoint: options.sesEndpoint ?? sesUrl,
      ...secrets,
      portalUrl: 'http://portal.test',
      attachments: { s3Endpoint: s3.endpoint, bucket: tableName },
    },
    { password: 'demo', seed: options.seed ?? true, demoTickets: options.demoTickets ?? false },
  );
  const portalDir = resolve(import.meta.dirname, '../../portal/dist');
  const server = await createLocalServer({
    port: options.port ?? 0,
    jwtSecret: secrets.jwtSecret,
    sesViewerUrl: sesUrl,
    rateLimits: options.rateLimits ?? 'off',
    ...(existsSync(portalDir) ? { portalDir } : {}),
  });
  const name = tableName;
  const smtp: LocalSmtpServer = await startSmtpServer({
    port: 0,
    recipients: [LOCAL_INBOUND_ADDRESS],
    s3Endpoint: s3.endpoint,
    bucket: name,
  });
  const stream =
    options.stream === false ? null : await startLocalStream({ store: streamStore, idleMs: 100 });
  return {
    drained: async () => {
      if (!stream) throw new Error('This runtime runs no stream consumers (stream: false)');
      await stream.drained();
    },
    deadLetters: () => stream?.deadLetters() ?? [],
    baseUrl: server.url,
    api: `${server.url}/api/v1`,
    sesUrl,
    tableName: name,
    db,
    s3Endpoint: s3.endpoint,
    attachmentsBucket: name,
    uploadsVerified: () => s3.settled(),
    smtp: { host: smtp.host, port: smtp.port },
    mailHandled: async () => {
      await smtp.settled();
      const failures = smtp.failures();
      if (failures.length) throw failures[0];
    },
    token: async (email) => {
      const user = demoUsers.find((candidate) => candidate.email === email);
      if (!user) throw new Error(`No demo user ${email}`);
      return issueUserToken(secrets.jwtSecret, user);
    },
    userToken: (user) => issueUserToken(secrets.jwtSecret, user),
    integratorToken: (scopes) => issueIntegratorToken(secrets.jwtSecret, 'test-integration', scopes),
    integratorSecret: demoIntegratorSecret(secrets.jwtSecret),
    itemCount: async () => {
      let count = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: name,
            Select: 'COUNT',
            ...(start ? { ExclusiveStartKey: start as never } : {}),
          }),
        );
        count += page.Count ?? 0;
        start = page.LastEvaluatedKey;
      } while (start);
      return count;
    },
    stop: async () => {
      await smtp.stop();
      await server.close();
      await stream?.stop();
      await s3.settled();
      await s3.stop();
    },
  };
};

/** fetch with JSON in and out, for readable tests. */
export const call = async (
  url: string,
  options: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
) => {
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined
      ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
  return { status: response.status, headers: response.headers, body: json as any };
};
