import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'aws-lambda';
import type { ApiEvent, ApiResult } from '#functions/http/route.js';
import { API_PREFIX, type Route } from '#functions/http/routes.js';
import type { Claims } from '#identity/caller.js';
import { Invalid, PayloadTooLarge } from '#platform/errors.js';

/** API Gateway's own payload limit; the handlers apply the product's tighter limits. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
/**
 * How much of an oversized body is still read (and dropped) so the client, which is still
 * sending, reads the 413 instead of a reset connection. Beyond that the connection is cut.
 */
const MAX_DRAINED_BYTES = 64 * 1024 * 1024;

const tooLarge = () =>
  new PayloadTooLarge(`The request body is larger than ${MAX_REQUEST_BYTES / 1024 / 1024} MB`);

/**
 * The request body, or PayloadTooLarge once the whole body has been read past the limit
 * (answered with `Connection: close`, see server.ts).
 */
export const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolvePromise, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > MAX_DRAINED_BYTES) {
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAINED_BYTES) {
        request.destroy();
        return;
      }
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    request.on('end', () =>
      size > MAX_REQUEST_BYTES ? reject(tooLarge()) : resolvePromise(Buffer.concat(chunks)),
    );
    request.on('error', reject);
  });

/** A path segment decoded as API Gateway does; malformed percent-encoding is the client's error. */
export const decodePathParameter = (name: string, raw: string): string => {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new Invalid(`The path parameter ${name} is not valid percent-encoding`, [
      { path: name, message: 'Not valid percent-encoding' },
    ]);
  }
};

/** Header names lower-cased and repeated headers joined, as API Gateway passes them on. */
export const eventHeaders = (request: IncomingMessage): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
};

export interface EventParts {
  request: IncomingMessage;
  url: URL;
  requestId: string;
  route: Route;
  headers: Record<string, string>;
  pathParameters: Record<string, string>;
  body: Buffer;
  claims: Claims | undefined;
}

/** The API Gateway HTTP API (payload 2.0) event a Lambda function receives for this request. */
export const apiEvent = ({
  request,
  url,
  requestId,
  route,
  headers,
  pathParameters,
  body,
  claims,
}: EventParts): ApiEvent => {
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  const routeKey = `${route.method} ${API_PREFIX}${route.path}`;
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: (request.method ?? 'GET').toUpperCase(),
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
    },
    ...(body.length ? { body: body.toString('utf8') } : {}),
    isBase64Encoded: false,
  };
};

/** The Lambda context a function sees, named after its route module. */
export const lambdaContext = (functionName: string, requestId: string): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
  memoryLimitInMB: '512',
  awsRequestId: requestId,
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => 29_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
});

/** Writes a function's result as API Gateway would. */
export const send = (response: ServerResponse, result: ApiResult) => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  response.writeHead(result.statusCode ?? 200, {
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  const body = result.body ?? '';
  response.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
};
