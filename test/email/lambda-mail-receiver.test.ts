import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaMailReceiver } from '#email/adapters/lambda-mail-receiver.js';
import type { DeadLetter } from '#email/ports.js';

/**
 * The kept-mail retry route invokes the inbound-mail function through Lambda's Invoke API
 * (docs/inbound-mail.md). Here a local HTTP server plays Lambda's endpoint: what the route sends
 * (a signed synchronous invocation of that function, the letter) and what it makes of the answer.
 */

const functionArn = 'arn:aws:lambda:eu-central-1:123456789012:function:helpdesk-InboundMailReceive';
const env = {
  AWS_REGION: 'eu-central-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'session-token',
};
const letter: DeadLetter = {
  id: '01JQZZZZZZZZZZZZZZZZZZZZZZ',
  rawKey: 'mail/abc',
  receivedAt: '2026-12-02T10:00:00.000Z',
  failedAt: '2026-12-02T10:00:01.000Z',
  from: 'client@acme.example',
  subject: 'Printer',
  reason: 'more than 30 mails',
  attempts: 1,
  envelope: { from: 'client@acme.example', to: ['support@helpdesk.example'] },
};

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}
let server: Server;
let endpoint: string;
const seen: Seen[] = [];
/** What the next invocation answers: status, Lambda's headers, the function's result. */
let answer: { status: number; headers?: Record<string, string>; body: string };

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the kept-mail retry, invoking the inbound-mail function', () => {
  it('invokes that function synchronously, signed for Lambda, with the letter, and answers its outcome whole', async () => {
    answer = { status: 200, body: JSON.stringify({ outcome: 'rejected', answered: true }) };
    const receiver = lambdaMailReceiver({ functionArn, endpoint, env });
    const outcome = await receiver.retry(letter);
    expect(outcome).toEqual({ outcome: 'rejected', answered: true });
    const request = seen.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`/2015-03-31/functions/${encodeURIComponent(functionArn)}/invocations`);
    expect(request?.headers['x-amz-invocation-type']).toBe('RequestResponse');
    expect(request?.headers['x-amz-security-token']).toBe('session-token');
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-central-1\/lambda\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/,
    );
    expect(request?.body).toEqual({ retryDeadLetter: letter });
  });

  it("fails with the function's own message when the function failed, and on an answer of another shape", async () => {
    const receiver = lambdaMailReceiver({ functionArn, endpoint, env });
    answer = {
      status: 200,
      headers: { 'x-amz-function-error': 'Unhandled' },
      body: JSON.stringify({
        errorType: 'Error',
        errorMessage: 'Invalid configuration: TABLE_NAME is not set',
      }),
    };
    await expect(receiver.retry(letter)).rejects.toThrow(/Unhandled.*TABLE_NAME is not set/);
    answer = { status: 200, body: JSON.stringify({ outcome: 'maybe' }) };
    await expect(receiver.retry(letter)).rejects.toThrow(/outcome/);
    answer = {
      status: 403,
      body: JSON.stringify({ Message: 'not authorized to perform lambda:InvokeFunction' }),
    };
    await expect(receiver.retry(letter)).rejects.toThrow(/403.*lambda:InvokeFunction/);
  });
});
