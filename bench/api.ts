import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startLocalAttachmentStorage } from '#local/attachments.js';
import { startDynamoDbLocal } from '#local/dynamodb.js';
import { freePort } from '#local/free-port.js';
import { createLocalServer } from '#local/gateway/server.js';
import { newLocalSecrets, prepareLocalTable } from '#local/prepare.js';
import { demoUsers } from '#local/seed.js';
import { startSesEmulator } from '#local/ses.js';
import { issueUserToken } from '#local/tokens.js';

export interface RouteCalls {
  route: string;
  status: number;
  dynamoCalls: number;
}

export interface LoadResult {
  scenario: string;
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/**
 * Starts the product as `npm start` does (in-memory DynamoDB Local) and measures: DynamoDB
 * calls per request for every route, and latency under autocannon for create, get and list
 * (`callsOnly`: the calls alone, in seconds).
 */
export const benchApi = async (options: { seconds: number; callsOnly?: boolean }) => {
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const ses = await startSesEmulator({ port: 0 });
  // The local S3 server, as `npm start` runs it: the list route's search reads its segments there.
  const s3Directory = mkdtempSync(join(tmpdir(), 'helpdesk-bench-s3-'));
  const s3 = await startLocalAttachmentStorage({
    port: await freePort(),
    directory: s3Directory,
    bucket: 'helpdesk-bench',
    corsOrigins: ['*'],
  });
  const secrets = newLocalSecrets();
  await prepareLocalTable(
    {
      tableName: 'helpdesk-bench',
      dynamoEndpoint: dynamo.endpoint,
      sesEndpoint: ses.url,
      ...secrets,
      portalUrl: 'http://localhost',
      attachments: { s3Endpoint: s3.endpoint, bucket: 'helpdesk-bench' },
    },
    { password: 'demo' },
  );
  const server = await createLocalServer({ port: 0, jwtSecret: secrets.jwtSecret, rateLimits: 'off' }); // measures the functions, not the limiter

  // Count every DynamoDB call the handlers make, with a middleware on their (shared) client.
  const { db } = (await import('#functions/wiring/api.js')).api;
  let calls = 0;
  db.middlewareStack.add(
    (next) => async (args) => {
      calls++;
      return next(args);
    },
    { step: 'initialize', name: 'benchCallCounter' },
  );

  const token = async (email: string) => {
    const user = demoUsers.find((candidate) => candidate.email === email);
    if (!user) throw new Error(email);
    return issueUserToken(secrets.jwtSecret, user);
  };
  const client1 = await token('client@acme.example');
  const agent = await token('agent@helpdesk.example');
  const api = `${server.url}/api/v1`;

  const measure = async (
    route: string,
    url: string,
    init: RequestInit = {},
  ): Promise<{ status: number; body: unknown; headers: Headers }> => {
    const before = calls;
    const response = await fetch(`${api}${url}`, init);
    const body = await response.json().catch(() => null);
    perRoute.push({ route, status: response.status, dynamoCalls: calls - before });
    return { status: response.status, body, headers: response.headers };
  };
  const perRoute: RouteCalls[] = [];
  const json = (tokenValue: string, body?: unknown, extra: Record<string, string> = {}): RequestInit => ({
    headers: { authorization: `Bearer ${tokenValue}`, 'content-type': 'application/json', ...extra },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

  // Warm every handler module once (the first create is measured: a fresh container's caches
  // are empty), then measure each route on a fresh ticket.
  const warm = (
    await measure('POST /tickets (first of the container)', '/tickets', {
      method: 'POST',
      ...json(client1, { subject: 'warm', description: 'up' }),
    })
  ).body as { id: string };
  for (const path of [
    '/tickets',
    `/tickets/${warm.id}`,
    `/tickets/${warm.id}/messages`,
    `/tickets/${warm.id}/events`,
    '/queues',
    '/me',
    '/health',
  ]) {
    await fetch(`${api}${path}`, json(agent));
  }

  // 503 here, and rightly: the bench runs no local SLA scheduler, and health reports it down.
  await measure('GET /health (no SLA scheduler in the bench)', '/health');
  await measure('POST /auth/login', '/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'agent@helpdesk.example', password: 'demo' }),
  });
  await measure('GET /me', '/me', json(agent));
  const t = (
    await measure('POST /tickets', '/tickets', {
      method: 'POST',
      ...json(client1, { subject: 'Bench', description: 'One ticket' }),
    })
  ).body as { id: string };
  await measure('POST /tickets (staff, for a client)', '/tickets', {
    method: 'POST',
    ...json(agent, {
      subject: 'Bench',
      description: 'On the phone',
      requester: { email: 'client@acme.example' },
    }),
  });
  await measure('POST /tickets (Idempotency-Key)', '/tickets', {
    method: 'POST',
    ...json(client1, { subject: 'Bench', description: 'idem' }, { 'idempotency-key': 'bench-1' }),
  });
  await measure('POST /tickets (replay)', '/tickets', {
    method: 'POST',
    ...json(client1, { subject: 'Bench', description: 'idem' }, { 'idempotency-key': 'bench-1' }),
  });
  await measure('GET /tickets', '/tickets?limit=25', json(agent));
  await measure(
    'GET /tickets (client, filtered)',
    '/tickets?status=new&priority=normal&limit=25',
    json(client1),
  );
  await measure('GET /tickets/{id}', `/tickets/${t.id}`, json(agent));
  await measure('PATCH /tickets/{id} (assign)', `/tickets/${t.id}`, {
    method: 'PATCH',
    ...json(agent, { assignee: 'me', status: 'open' }, { 'if-match': '"1"' }),
  });
  await measure('POST /tickets/{id}/messages (first response)', `/tickets/${t.id}/messages`, {
    method: 'POST',
    ...json(agent, { body: 'Hello' }),
  });
  await measure('POST /tickets/{id}/messages (staff reply)', `/tickets/${t.id}/messages`, {
    method: 'POST',
    ...json(agent, { body: 'Anything else?' }),
  });
  await measure('POST /tickets/{id}/messages (client reply)', `/tickets/${t.id}/messages`, {
    method: 'POST',
    ...json(client1, { body: 'Thanks' }),
  });
  await measure('GET /tickets/{id}/messages', `/tickets/${t.id}/messages`, json(agent));
  await measure('GET /tickets/{id}/events', `/tickets/${t.id}/events`, json(agent));
  await measure('POST /tickets/{id}/resolve', `/tickets/${t.id}/resolve`, {
    method: 'POST',
    ...json(agent, { message: 'Done' }),
  });
  await measure('POST /tickets/{id}/reopen', `/tickets/${t.id}/reopen`, {
    method: 'POST',
    ...json(client1, {}),
  });
  await fetch(`${api}/tickets/${t.id}/resolve`, { method: 'POST', ...json(agent) });
  await measure('POST /tickets/{id}/accept', `/tickets/${t.id}/accept`, { method: 'POST', ...json(client1) });
  await measure('POST /tickets/{id}/feedback', `/tickets/${t.id}/feedback`, {
    method: 'POST',
    ...json(client1, { rating: 5 }),
  });
  await measure('GET /queues', '/queues', json(agent));
  await measure('GET /users', '/users', json(agent));
  await measure('GET /openapi.json', '/openapi.json');

  if (options.callsOnly) {
    await server.close();
    await ses.stop();
    await dynamo.stop();
    await s3.stop();
    rmSync(s3Directory, { recursive: true, force: true });
    return { perRoute, loads: [] as LoadResult[] };
  }

  // Enough tickets for realistic list pages.
  for (let i = 0; i < 60; i++)
    await fetch(`${api}/tickets`, {
      method: 'POST',
      ...json(client1, { subject: `Seed ${i}`, description: 'x' }),
    });

  const load = async (
    scenario: string,
    connections: number,
    request: autocannon.Options,
  ): Promise<LoadResult> => {
    const result = await autocannon({ ...request, connections, duration: options.seconds });
    return {
      scenario,
      connections,
      seconds: options.seconds,
      requests: result.requests.total,
      rps: Math.round(result.requests.average),
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      errors: result.errors,
      non2xx: result.non2xx,
    };
  };
  const loads: LoadResult[] = [];
  const createRequest = {
    url: `${api}/tickets`,
    method: 'POST' as const,
    headers: { authorization: `Bearer ${client1}`, 'content-type': 'application/json' },
    body: JSON.stringify({ subject: 'Load test', description: 'Created under load' }),
  };
  loads.push(await load('create ticket', 10, createRequest));
  loads.push(await load('create ticket', 50, createRequest));
  loads.push(
    await load('get ticket', 50, {
      url: `${api}/tickets/${t.id}`,
      headers: { authorization: `Bearer ${agent}` },
    }),
  );
  loads.push(
    await load('list tickets (25)', 50, {
      url: `${api}/tickets?limit=25`,
      headers: { authorization: `Bearer ${agent}` },
    }),
  );

  await server.close();
  await ses.stop();
  await dynamo.stop();
  await s3.stop();
  rmSync(s3Directory, { recursive: true, force: true });
  return { perRoute, loads };
};
