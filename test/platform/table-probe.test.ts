import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { tableProbe } from '#platform/adapters/table-probe.js';

/** A stand-in for DynamoDB's endpoint that records each request and answers as told. */
const endpoint = async (status: number, body: unknown) => {
  const seen: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server: Server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      seen.push({ headers: request.headers, body: text });
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, seen };
};
const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

const env = {
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_SESSION_TOKEN: 'session-token',
};

describe('the table probe of the health check (a signed GetItem without the SDK)', () => {
  it('sends one SigV4-signed GetItem for the unused health key and reports ok', async () => {
    const dynamo = await endpoint(200, {});
    const probe = tableProbe({ tableName: 'helpdesk', endpoint: dynamo.url, timeoutMs: 1000, env });
    await expect(probe()).resolves.toEqual({ status: 'ok' });
    expect(dynamo.seen).toHaveLength(1);
    const [request] = dynamo.seen;
    expect(request?.headers['x-amz-target']).toBe('DynamoDB_20120810.GetItem');
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-central-1\/dynamodb\/aws4_request, SignedHeaders=[^,]*x-amz-target[^,]*, Signature=[0-9a-f]{64}$/,
    );
    expect(request?.headers['x-amz-security-token']).toBe('session-token');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      TableName: 'helpdesk',
      Key: { pk: { S: 'HEALTH' }, sk: { S: 'HEALTH' } },
    });
  });

  it("fails with DynamoDB's error type as the error name when the table is refused", async () => {
    const dynamo = await endpoint(400, {
      __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
      message: 'Requested resource not found',
    });
    const probe = tableProbe({ tableName: 'gone', endpoint: dynamo.url, timeoutMs: 1000, env });
    await expect(probe()).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('fails without credentials in the environment instead of sending an unsigned request', async () => {
    const dynamo = await endpoint(200, {});
    const probe = tableProbe({ tableName: 'helpdesk', endpoint: dynamo.url, timeoutMs: 1000, env: {} });
    await expect(probe()).rejects.toThrow(/credentials/);
    expect(dynamo.seen).toHaveLength(0);
  });
});
