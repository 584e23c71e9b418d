import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { S3Event } from 'aws-lambda';
import { localCredentials } from './dynamodb.js';

const require = createRequire(import.meta.url);

/** The part of s3rver (a Koa app, no type declarations) this module uses. */
interface S3rver {
  callback(): (request: IncomingMessage, response: ServerResponse) => void;
  configureBuckets(): Promise<unknown>;
  on(event: 'event', listener: (event: S3Event) => void): void;
}
const S3rverClass = require('s3rver') as new (options: Record<string, unknown>) => S3rver;
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account.js') as {
  DUMMY_ACCOUNT: { createKeyPair(accessKeyId: string, secretAccessKey: string): void };
};

// The local runtime signs with the same dummy credentials for every emulator.
DUMMY_ACCOUNT.createKeyPair(localCredentials.accessKeyId, localCredentials.secretAccessKey);

const rfc3986 = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * Checks a presigned (query-string SigV4) request the way S3 does: the signature over the
 * method, path, query and the signed headers (for an upload: content-type and content-length,
 * so a longer or differently typed body is refused). s3rver checks the expiry but not the
 * signature; this front checks the signature.
 */
const presignedSignatureMatches = (request: IncomingMessage): boolean => {
  const url = new URL(request.url ?? '/', 'http://local');
  const query = url.searchParams;
  const signature = query.get('X-Amz-Signature') ?? '';
  const [accessKeyId, date, region, service] = (query.get('X-Amz-Credential') ?? '').split('/');
  if (accessKeyId !== localCredentials.accessKeyId || !date || !region || !service) return false;
  const signedHeaders = (query.get('X-Amz-SignedHeaders') ?? '').split(';').filter(Boolean);
  const canonicalQuery = [...query.entries()]
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => `${rfc3986(name)}=${rfc3986(value)}`)
    .sort()
    .join('&');
  const canonicalHeaders = signedHeaders
    .map((name) => {
      const value = request.headers[name];
      return `${name}:${(Array.isArray(value) ? value.join(',') : (value ?? '')).trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const canonicalRequest = [
    request.method ?? 'GET',
    url.pathname,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders.join(';'),
    query.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD',
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    query.get('X-Amz-Date') ?? '',
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${localCredentials.secretAccessKey}`, date), region), service),
    'aws4_request',
  );
  const expected = Buffer.from(hmac(key, stringToSign).toString('hex'));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
};

const signatureMismatch = (response: ServerResponse) => {
  response.writeHead(403, { 'content-type': 'application/xml', 'access-control-allow-origin': '*' });
  response.end(
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error>',
  );
};

const corsConfiguration = (origins: readonly string[]) =>
  `<CORSConfiguration>${origins
    .map(
      (origin) =>
        `<CORSRule><AllowedOrigin>${origin}</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>300</MaxAgeSeconds></CORSRule>`,
    )
    .join('')}</CORSConfiguration>`;

/**
 * The local S3 server (npm `s3rver`, files under `directory`): the attachment bucket with CORS
 * for the portal's origins, presigned signatures checked in front of it, and every stored
 * object reported to `onObjectCreated` (the verification handler) as S3 would notify Lambda.
 * `settled()` resolves once every notification so far has been handled.
 */
export const startS3Server = async (options: {
  port: number;
  host?: string;
  directory: string;
  bucket: string;
  corsOrigins: readonly string[];
  onObjectCreated: (event: S3Event) => Promise<void>;
}) => {
  mkdirSync(options.directory, { recursive: true });
  const host = options.host ?? '127.0.0.1';
  const s3rver = new S3rverClass({
    silent: true,
    directory: options.directory,
    // Path-style requests only: `<bucket>.localhost` would not resolve everywhere.
    vhostBuckets: false,
    configureBuckets: [{ name: options.bucket, configs: [corsConfiguration(options.corsOrigins)] }],
  });
  await s3rver.configureBuckets();
  const pending = new Set<Promise<void>>();
  const failures: Error[] = [];
  s3rver.on('event', (event) => {
    if (!event.Records.some((record) => record.eventName.startsWith('ObjectCreated'))) return;
    const handled = options
      .onObjectCreated(event)
      .catch((error: Error) => {
        failures.push(error);
      })
      .finally(() => pending.delete(handled));
    pending.add(handled);
  });
  const s3 = s3rver.callback();
  const server = createServer((request, response) => {
    // A CORS preflight carries the URL but is not the signed request: S3 answers it by the CORS rules.
    const presigned = request.method !== 'OPTIONS' && (request.url ?? '').includes('X-Amz-Signature=');
    if (presigned && !presignedSignatureMatches(request)) {
      request.resume();
      signatureMismatch(response);
      return;
    }
    s3(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    endpoint: `http://${host}:${port}`,
    port,
    /** Resolves once every object stored so far has been verified. */
    settled: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    /** Verifications that threw (the cloud would retry them, then send them to the dead-letter queue). */
    failures: () => [...failures],
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

export type LocalS3Server = Awaited<ReturnType<typeof startS3Server>>;
