import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'aws-lambda';
import { problemResponse } from '#functions/http/problem.js';
import type { ApiEvent, ApiResult } from '#functions/http/route.js';
import { API_PREFIX, type Route, routeName, routes } from '#functions/http/routes.js';
import { NotFound } from '#platform/errors.js';
import { loadHandler } from '../handler-modules.js';
import { authorize } from './authorizer.js';
import { apiEvent, decodePathParameter, eventHeaders, lambdaContext, readBody, send } from './event.js';
import { type RateLimitSettings, rateLimiter, sendRateLimited } from './rate-limit.js';

type LambdaHandler = (event: ApiEvent, context: Context) => Promise<ApiResult>;

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  params: string[];
}

const compile = (route: Route): CompiledRoute => {
  const params: string[] = [];
  const source = route.path
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    // Braces are not escaped above, so a placeholder is still `{name}` here.
    .replace(/\{(\w+)\}/g, (_, name: string) => {
      params.push(name);
      return '([^/]+)';
    });
  return { route, pattern: new RegExp(`^${source}$`), params };
};

/** Loads a route's module once, the same module a Lambda function bundles. */
const loadRouteHandler = (module: string) => loadHandler<LambdaHandler>(module);

export const isApiPath = (pathname: string): boolean =>
  pathname === API_PREFIX || pathname.startsWith(`${API_PREFIX}/`);

/**
 * The API Gateway part: matches the route table, answers OPTIONS and 405 itself, runs the
 * authorizer, and invokes the route's handler module with an HTTP API v2 event.
 */
export const apiGateway = (jwtSecret: string, rateLimits?: RateLimitSettings) => {
  const compiled = routes.map(compile);
  const limit = rateLimiter(rateLimits);

  return async (request: IncomingMessage, response: ServerResponse, url: URL, requestId: string) => {
    const path = url.pathname.slice(API_PREFIX.length) || '/';
    const method = (request.method ?? 'GET').toUpperCase();
    const matches = compiled
      .map((entry) => ({ entry, match: entry.pattern.exec(path) }))
      .filter((candidate) => candidate.match !== null);
    const methods = matches.map((m) => m.entry.route.method);
    // HEAD is GET without the body (Node's server drops the body of a HEAD answer).
    const allow = [...new Set(methods.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])))].join(', ');
    if (method === 'OPTIONS') {
      response.writeHead(204, { allow });
      response.end();
      return;
    }
    const routeMethod = method === 'HEAD' ? 'GET' : method;
    const found = matches.find((candidate) => candidate.entry.route.method === routeMethod);
    if (!found?.match) {
      if (matches.length) {
        send(response, {
          ...problemResponse({
            type: 'https://helpdesk.example/problems/method-not-allowed',
            title: 'Method not allowed',
            status: 405,
            detail: `${method} is not allowed here; use ${allow}`,
            requestId,
          }),
          headers: { 'content-type': 'application/problem+json', allow },
        });
        return;
      }
      throw new NotFound(`No route ${method} ${url.pathname}`);
    }
    const { route, params } = found.entry;
    const body = await readBody(request);
    const headers = eventHeaders(request);
    const claims = await authorize(jwtSecret, route, headers.authorization);
    // Per caller: the verified token's subject, or the client address when anonymous.
    const subject = typeof claims?.sub === 'string' ? `sub:${claims.sub}` : undefined;
    const decision = limit(subject ?? `ip:${request.socket.remoteAddress ?? ''}`, method);
    if (decision && !decision.allowed) {
      sendRateLimited(response, decision, requestId, url.pathname);
      return;
    }
    const pathParameters = Object.fromEntries(
      params.map((name, i) => [name, decodePathParameter(name, found.match?.[i + 1] ?? '')]),
    );
    const event = apiEvent({ request, url, requestId, route, headers, pathParameters, body, claims });
    const handler = await loadRouteHandler(route.module);
    const result = await handler(event, lambdaContext(routeName(route), requestId));
    send(response, decision ? { ...result, headers: { ...decision.headers, ...result.headers } } : result);
  };
};
