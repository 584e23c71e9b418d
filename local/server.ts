import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { problemResponse, toProblem } from '#functions/http/problem.js';
import type { ApiEvent, ApiResult } from '#functions/http/route.js';
import { API_PREFIX, type Route, routeName, routes } from '#functions/http/routes.js';
import type { Claims } from '#identity/caller.js';
import { permissions } from '#identity/permissions.js';
import { AppError, NotFound, PayloadTooLarge, Unauthenticated } from '#platform/errors.js';
import { verifyLocalToken } from './tokens.js';

/** API Gateway's own payload limit; the handlers apply the product's tighter limits. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

type LambdaHandler = (event: ApiEvent, context: Context) => Promise<ApiResult>;

export interface LocalServerOptions {
  port: number;
  host?: string;
  jwtSecret: string;
  /** Built portal (portal/dist); a landing page is served when absent. */
  portalDir?: string;
  sesViewerUrl?: string;
  /** Extra runtime configuration served at /config.json for the portal. */
  portalConfig?: Record<string, unknown>;
}

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

const handlerCache = new Map<string, Promise<LambdaHandler>>();

/** Loads a route's module (`functions/<capability>/<name>.ts`) once, the same module a Lambda function bundles. */
const loadHandler = (module: string): Promise<LambdaHandler> => {
  let loading = handlerCache.get(module);
  if (!loading) {
    // A computed file URL, not a template literal: bundlers would otherwise try to expand it.
    loading = import(pathToFileURL(resolve(import.meta.dirname, '..', `${module}.ts`)).href).then(
      (loaded: { handler: LambdaHandler }) => loaded.handler,
    );
    handlerCache.set(module, loading);
  }
  return loading;
};

const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        reject(new PayloadTooLarge('The request body is larger than 10 MB'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolvePromise(Buffer.concat(chunks)));
    request.on('error', reject);
  });

const lambdaContext = (functionName: string, requestId: string): Context => ({
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

const send = (response: ServerResponse, result: ApiResult) => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  response.writeHead(result.statusCode ?? 200, {
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  const body = result.body ?? '';
  response.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
};

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
};

/** Serves a file under `root`, never outside it. */
const serveFile = async (
  response: ServerResponse,
  root: string,
  relative: string,
  cache: string,
): Promise<boolean> => {
  const base = resolve(root);
  const path = normalize(join(base, relative));
  if (path !== base && !path.startsWith(base + sep)) return false;
  try {
    const info = await stat(path);
    if (!info.isFile()) return false;
  } catch {
    return false;
  }
  response.writeHead(200, {
    'content-type': contentTypes[extname(path)] ?? 'application/octet-stream',
    'cache-control': cache,
    ...securityHeaders,
  });
  response.end(await readFile(path));
  return true;
};

const swaggerDir = resolve(import.meta.dirname, '../node_modules/swagger-ui-dist');

const docsPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Help desk API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`;
const docsInit = `window.ui = SwaggerUIBundle({ url: '${API_PREFIX}/openapi.json', dom_id: '#swagger-ui', persistAuthorization: true });`;

const landingPage = (
  sesViewerUrl: string | undefined,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Help desk</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}code{background:#f3f3f3;padding:0 .2rem}</style></head>
<body><main><h1>Help desk (local)</h1>
<p>The API is running. The portal is not built yet: run <code>npm run build:portal</code> or restart <code>npm start</code>.</p>
<ul><li><a href="/docs">API reference</a> (OpenAPI at <a href="${API_PREFIX}/openapi.json">${API_PREFIX}/openapi.json</a>)</li>
${sesViewerUrl ? `<li><a href="${sesViewerUrl}">Mail viewer</a> (every mail the help desk sends)</li>` : ''}
<li><a href="${API_PREFIX}/health">Health</a></li></ul>
<p>Demo logins (password <code>demo</code>): client@acme.example, client@globex.example, agent@helpdesk.example,
agent2@helpdesk.example, lead@helpdesk.example, admin@helpdesk.example.</p></main></body></html>`;

/**
 * The local stand-in for API Gateway + the JWT authorizer: each request becomes an API
 * Gateway HTTP API v2 event for the same handler module a Lambda function runs.
 */
export const createLocalServer = async (options: LocalServerOptions) => {
  const compiled = routes.map(compile);

  const api = async (request: IncomingMessage, response: ServerResponse, url: URL, requestId: string) => {
    const path = url.pathname.slice(API_PREFIX.length) || '/';
    const method = (request.method ?? 'GET').toUpperCase();
    const matches = compiled
      .map((entry) => ({ entry, match: entry.pattern.exec(path) }))
      .filter((candidate) => candidate.match !== null);
    if (method === 'OPTIONS') {
      response.writeHead(204, { allow: [...new Set(matches.map((m) => m.entry.route.method))].join(', ') });
      response.end();
      return;
    }
    const found = matches.find((candidate) => candidate.entry.route.method === method);
    if (!found?.match) {
      if (matches.length) {
        const allow = [...new Set(matches.map((m) => m.entry.route.method))].join(', ');
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
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
    }
    let claims: Claims | undefined;
    const authorization = headers.authorization;
    if (authorization?.toLowerCase().startsWith('bearer ')) {
      claims = (await verifyLocalToken(options.jwtSecret, authorization.slice(7).trim())) ?? undefined;
    }
    // Like the HTTP API JWT authorizer: protected routes never reach the function without a valid token.
    if (!permissions[route.action].public && !claims) {
      throw new Unauthenticated(
        authorization ? 'The bearer token is invalid or expired' : 'Sign in first: send a bearer token',
      );
    }
    const query: Record<string, string> = {};
    for (const [name, value] of url.searchParams)
      query[name] = name in query ? `${query[name]},${value}` : value;
    const pathParameters = Object.fromEntries(
      params.map((name, i) => [name, decodeURIComponent(found.match?.[i + 1] ?? '')]),
    );
    const now = new Date();
    const event: ApiEvent = {
      version: '2.0',
      routeKey: `${route.method} ${API_PREFIX}${route.path}`,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers,
      ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
      ...(params.length ? { pathParameters } : {}),
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: headers.host ?? 'localhost',
        domainPrefix: 'local',
        http: {
          method,
          path: url.pathname,
          protocol: 'HTTP/1.1',
          sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
          userAgent: headers['user-agent'] ?? '',
        },
        requestId,
        routeKey: `${route.method} ${API_PREFIX}${route.path}`,
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
        ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
      },
      ...(body.length ? { body: body.toString('utf8') } : {}),
      isBase64Encoded: false,
    };
    const handler = await loadHandler(route.module);
    send(response, await handler(event, lambdaContext(routeName(route), requestId)));
  };

  const server: Server = createServer(async (request, response) => {
    const requestId = randomUUID();
    const url = new URL(request.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)) {
        await api(request, response, url, requestId);
        return;
      }
      if (request.method !== 'GET' && request.method !== 'HEAD')
        throw new NotFound(`No route ${request.method} ${url.pathname}`);
      if (url.pathname === '/config.json') {
        send(response, {
          statusCode: 200,
          headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
          body: JSON.stringify({
            auth: 'local',
            apiBase: API_PREFIX,
            mailViewerUrl: options.sesViewerUrl ?? null,
            ...options.portalConfig,
          }),
        });
        return;
      }
      if (url.pathname === '/docs' || url.pathname === '/docs/') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...securityHeaders });
        response.end(docsPage);
        return;
      }
      if (url.pathname === '/docs/init.js') {
        response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', ...securityHeaders });
        response.end(docsInit);
        return;
      }
      if (url.pathname.startsWith('/docs/assets/')) {
        if (
          await serveFile(
            response,
            swaggerDir,
            url.pathname.slice('/docs/assets/'.length),
            'public, max-age=3600',
          )
        )
          return;
        throw new NotFound('No such file');
      }
      const portalDir = options.portalDir;
      if (portalDir && existsSync(join(portalDir, 'index.html'))) {
        const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '');
        const immutable = relative.startsWith('assets/');
        if (
          relative &&
          (await serveFile(
            response,
            portalDir,
            relative,
            immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          ))
        )
          return;
        if (immutable) throw new NotFound('No such file');
        // Single-page app: every other path is a client-side route.
        await serveFile(response, portalDir, 'index.html', 'no-cache');
        return;
      }
      if (url.pathname === '/') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...securityHeaders });
        response.end(landingPage(options.sesViewerUrl));
        return;
      }
      throw new NotFound(`Nothing at ${url.pathname}`);
    } catch (error) {
      if (!(error instanceof AppError)) console.error(`[${requestId}]`, error);
      if (!response.headersSent) send(response, problemResponse(toProblem(error, requestId, url.pathname)));
      else response.end();
    }
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolvePromise());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
};
