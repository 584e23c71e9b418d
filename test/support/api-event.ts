import type { Context } from 'aws-lambda';
import type { ApiEvent } from '#functions/http/route.js';
import type { Claims } from '#identity/caller.js';

export const claimsFor = {
  client: {
    sub: 'user-client-acme',
    email: 'client@acme.example',
    name: 'Alice',
    'cognito:groups': '[client]',
    'custom:orgId': 'acme',
  },
  otherClient: {
    sub: 'user-client-globex',
    email: 'client@globex.example',
    'cognito:groups': '[client]',
    'custom:orgId': 'globex',
  },
  agent: { sub: 'user-agent', email: 'agent@helpdesk.example', name: 'Agnes', 'cognito:groups': '[agent]' },
} satisfies Record<string, Claims>;

/** An API Gateway HTTP API v2 event as the JWT authorizer hands it to Lambda (claims flattened to strings). */
export const apiEvent = (input: {
  method: string;
  path: string;
  claims?: Claims;
  body?: unknown;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
}): ApiEvent => ({
  version: '2.0',
  routeKey: `${input.method} ${input.path}`,
  rawPath: input.path,
  rawQueryString: new URLSearchParams(input.query ?? {}).toString(),
  headers: { ...(input.body !== undefined ? { 'content-type': 'application/json' } : {}), ...input.headers },
  ...(input.query ? { queryStringParameters: input.query } : {}),
  ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
  requestContext: {
    accountId: '123456789012',
    apiId: 'api',
    domainName: 'api.example',
    domainPrefix: 'api',
    http: {
      method: input.method,
      path: input.path,
      protocol: 'HTTP/1.1',
      sourceIp: '203.0.113.1',
      userAgent: 'test',
    },
    requestId: 'req-1',
    routeKey: `${input.method} ${input.path}`,
    stage: '$default',
    time: '23/Nov/2026:10:00:00 +0000',
    timeEpoch: 1_795_000_000_000,
    ...(input.claims ? { authorizer: { jwt: { claims: input.claims, scopes: null } } } : {}),
  },
  ...(input.body !== undefined ? { body: JSON.stringify(input.body) } : {}),
  isBase64Encoded: false,
});

export const lambdaContext = { awsRequestId: 'lambda-req-1', functionName: 'test' } as Context;
