import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type * as z from 'zod';
import { type Caller, type Claims, callerFromClaims } from '#identity/caller.js';
import { type Action, authorize, permissions } from '#identity/permissions.js';
import {
  Forbidden,
  Invalid,
  NotFound,
  PayloadTooLarge,
  Unauthenticated,
  UnsupportedMediaType,
} from '#platform/errors.js';
import { logger } from '#platform/logger.js';
import { accountCheck } from './account-check.js';
import { issueMessages, languageOf, localizeProblem } from './messages.js';
import { problemResponse, toProblem } from './problem.js';

export const MAX_BODY_BYTES = 256 * 1024;

export type ApiEvent = Omit<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'> & {
  requestContext: Omit<APIGatewayProxyEventV2WithJWTAuthorizer['requestContext'], 'authorizer'> & {
    authorizer?: { jwt?: { claims?: Claims; scopes?: string[] | null } };
  };
};
export type ApiResult = APIGatewayProxyStructuredResultV2;

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<
  B extends Schema | undefined,
  Q extends Schema | undefined,
  P extends Schema | undefined,
> {
  action: Action;
  body?: B;
  /** An empty body stands for `{}` (e.g. resolve without a message). */
  bodyOptional?: boolean;
  query?: Q;
  params?: P;
  /**
   * Called before a role-based 403: lets ticket routes answer 404 instead when the caller
   * could not even see the ticket, so a client of another organisation always gets 404.
   */
  hideForbidden?: (caller: Caller, event: ApiEvent) => Promise<void>;
}

export interface ApiRequest<B, Q, P> {
  caller: Caller | null;
  body: B;
  query: Q;
  params: P;
  headers: Record<string, string | undefined>;
  requestId: string;
  event: ApiEvent;
}

interface Parsed {
  caller: Caller | null;
  body: unknown;
  query: unknown;
  params: unknown;
}

type Internal = Record<string, unknown>;

/** What the middlewares parsed, keyed by the event they parsed it from. */
const parsedOf = new WeakMap<ApiEvent, Parsed>();

const fieldErrors = (error: z.ZodError, prefix: string) =>
  error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix,
    message:
      issue.code === 'unrecognized_keys' ? `Unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }));

/** API Gateway's request id (the local gateway's locally): the id in logs, problem bodies and `X-Request-Id`. */
const requestIdOf = (event: ApiEvent, context: Context) =>
  event.requestContext?.requestId ?? context.awsRequestId;

export const REQUEST_ID_HEADER = 'x-request-id';

/** Every error, thrown anywhere below, becomes RFC 9457 problem+json. */
const problemErrors = (): MiddlewareObj<ApiEvent, ApiResult, Error, Context, Internal> => ({
  onError: async (request) => {
    const requestId = requestIdOf(request.event, request.context);
    const problem = toProblem(request.error, requestId, request.event.rawPath);
    if (problem.status >= 500) logger.error('request failed', { requestId, error: request.error as Error });
    else logger.info('request refused', { requestId, status: problem.status, detail: problem.detail });
    const language = languageOf(request.event.headers?.['accept-language']);
    request.response = problemResponse(localizeProblem(problem, language), {
      [REQUEST_ID_HEADER]: requestId,
      'content-language': language,
      vary: 'Accept-Language',
    });
  },
});

/**
 * Every log line names the request (the id the caller sees in `X-Request-Id`), and of a
 * ticket request the ticket (the keys are reset after each request).
 */
const requestLogKeys = (): MiddlewareObj<ApiEvent, ApiResult, Error, Context, Internal> => ({
  before: async (request) => {
    logger.appendKeys({ requestId: requestIdOf(request.event, request.context) });
    const ticketId = request.event.pathParameters?.id;
    if (ticketId) logger.appendKeys({ ticketId: ticketId.slice(0, 64) });
  },
});

/**
 * Who is calling (from the JWT authorizer's claims), whether their account is still active (a
 * deactivated person's token ends within a minute, not at its expiry: docs/admin.md), and whether
 * the permission table allows it. Integrator tokens and public routes take no account check.
 */
const authorization = (
  action: Action,
  hideForbidden?: (caller: Caller, event: ApiEvent) => Promise<void>,
): MiddlewareObj<ApiEvent, ApiResult, Error, Context, Internal> => ({
  before: async (request) => {
    const caller = callerFromClaims(request.event.requestContext.authorizer?.jwt?.claims);
    const decision = authorize(action, caller);
    if (decision === 'unauthenticated') throw new Unauthenticated('Sign in first: send a bearer token');
    if (caller?.kind === 'user' && !permissions[action].public && !(await accountCheck()(caller.id)))
      throw new Unauthenticated('This account was deactivated');
    if (decision === 'forbidden') {
      if (caller) await hideForbidden?.(caller, request.event);
      throw new Forbidden(`Your role may not perform ${action}`);
    }
    parsedOf.set(request.event, { caller, body: undefined, query: undefined, params: undefined });
  },
});

/** zod's words for the common issues in the caller's language. */
const parseOptions = (event: ApiEvent) => {
  const error = issueMessages(languageOf(event.headers['accept-language']));
  return error ? { error } : undefined;
};

const parseBody = (event: ApiEvent, schema: Schema, optional: boolean): unknown => {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) {
    throw new PayloadTooLarge(`The request body must be at most ${MAX_BODY_BYTES / 1024} KB`);
  }
  let value: unknown = {};
  if (text.trim() === '') {
    if (!optional) throw new Invalid('A JSON body is required', [{ path: 'body', message: 'Required' }]);
  } else {
    const contentType = event.headers['content-type'] ?? '';
    if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
      throw new UnsupportedMediaType('Send the body as JSON with Content-Type: application/json');
    }
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new Invalid(`The body is not valid JSON: ${(error as Error).message}`, [
        { path: 'body', message: 'Malformed JSON' },
      ]);
    }
  }
  const result = schema.safeParse(value, parseOptions(event));
  if (!result.success) throw new Invalid('The request body is invalid', fieldErrors(result.error, ''));
  return result.data;
};

/** Validates path parameters, query string and body against the route's zod schemas. */
const validation = (spec: RouteSpec<Schema | undefined, Schema | undefined, Schema | undefined>) =>
  ({
    before: async (request) => {
      const parsed = parsedOf.get(request.event);
      if (!parsed) throw new Error('authorization must run before validation');
      const { event } = request;
      if (spec.params) {
        const result = spec.params.safeParse(event.pathParameters ?? {});
        // A malformed id cannot name anything the caller may see.
        if (!result.success) throw new NotFound('No such resource');
        parsed.params = result.data;
      }
      if (spec.query) {
        const result = spec.query.safeParse(event.queryStringParameters ?? {}, parseOptions(event));
        if (!result.success) throw new Invalid('The query string is invalid', fieldErrors(result.error, ''));
        parsed.query = result.data;
      } else if (event.rawQueryString) {
        const names = Object.keys(event.queryStringParameters ?? {});
        throw new Invalid(
          'This route takes no query parameters',
          names.map((name) => ({ path: name, message: 'Unknown query parameter' })),
        );
      }
      if (spec.body) parsed.body = parseBody(event, spec.body, spec.bodyOptional ?? false);
    },
  }) satisfies MiddlewareObj<ApiEvent, ApiResult, Error, Context, Internal>;

/**
 * Builds a route handler: header normalisation, problem+json errors, authorization from
 * the one permission table, then validation; the function given is the last, smallest piece.
 */
export const route = <
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
>(
  spec: RouteSpec<B, Q, P>,
  fn: (request: ApiRequest<Out<B>, Out<Q>, Out<P>>) => Promise<ApiResult>,
) =>
  middy<ApiEvent, ApiResult, Error, Context, Internal>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer({ canonical: false }))
    .use(requestLogKeys())
    .use(problemErrors())
    .use(authorization(spec.action, spec.hideForbidden))
    .use(validation(spec))
    .handler(async (event, context) => {
      const parsed = parsedOf.get(event);
      if (!parsed) throw new Error('the request was not validated');
      const requestId = requestIdOf(event, context);
      const result = await fn({
        caller: parsed.caller,
        body: parsed.body as Out<B>,
        query: parsed.query as Out<Q>,
        params: parsed.params as Out<P>,
        headers: event.headers,
        requestId,
        event,
      });
      return { ...result, headers: { ...result.headers, [REQUEST_ID_HEADER]: requestId } };
    });

/** The caller, for routes whose permission requires one. */
export const signedIn = (caller: Caller | null): Caller => {
  if (!caller) throw new Unauthenticated('Sign in first: send a bearer token');
  return caller;
};

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResult => ({
  statusCode,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

export const etag = (version: number) => `"${version}"`;

/** `If-Match: "3"`, `W/"3"` or `3` → 3; absent or `*` → undefined. */
export const ifMatchVersion = (headers: Record<string, string | undefined>): number | undefined => {
  const value = headers['if-match']?.trim();
  if (!value || value === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value);
  if (!match?.[1]) {
    throw new Invalid('If-Match must be the ticket version from its ETag, e.g. "3"', [
      { path: 'If-Match', message: `Not a version: ${value.slice(0, 40)}` },
    ]);
  }
  return Number(match[1]);
};
