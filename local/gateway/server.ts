import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { PROBLEM_TYPE_BASE, problemResponse, toProblem } from '#functions/http/problem.js';
import { API_PREFIX } from '#functions/http/routes.js';
import { AppError, NotFound, PayloadTooLarge } from '#platform/errors.js';
import { apiGateway, isApiPath } from './api.js';
import { isDocsPath, serveDocs, serveLandingPage } from './docs.js';
import { send } from './event.js';
import type { RateLimitSettings } from './rate-limit.js';
import { isPortalBuilt, servePortal } from './static.js';

/** Node's default header limit, stated: a request over it gets 431. */
const MAX_HEADER_BYTES = 16 * 1024;

export interface LocalServerOptions {
  port: number;
  host?: string;
  jwtSecret: string;
  /** Built portal (portal/dist); a landing page is served when absent. */
  portalDir?: string;
  sesViewerUrl?: string;
  /** Extra runtime configuration served at /config.json for the portal. */
  portalConfig?: Record<string, unknown>;
  /** Per-caller API budgets (functions/http/rate-limits.ts by default), or 'off'. */
  rateLimits?: RateLimitSettings;
}

/**
 * The local stand-in for API Gateway + the JWT authorizer + CloudFront: each API request
 * becomes an API Gateway HTTP API v2 event for the same handler module a Lambda function
 * runs; everything else is the portal, its runtime configuration and the API docs.
 */
export const createLocalServer = async (options: LocalServerOptions) => {
  const api = apiGateway(options.jwtSecret, options.rateLimits);

  const server: Server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, async (request, response) => {
    const requestId = randomUUID();
    // As API Gateway does: every answer names its request, the gateway's own 404/405 too.
    response.setHeader('x-request-id', requestId);
    const url = new URL(request.url ?? '/', 'http://localhost');
    try {
      if (isApiPath(url.pathname)) {
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
      if (isDocsPath(url.pathname)) {
        await serveDocs(response, url.pathname);
        return;
      }
      if (isPortalBuilt(options.portalDir)) {
        await servePortal(response, options.portalDir, url);
        return;
      }
      if (url.pathname === '/') {
        serveLandingPage(response, options.sesViewerUrl);
        return;
      }
      throw new NotFound(`Nothing at ${url.pathname}`);
    } catch (error) {
      if (!(error instanceof AppError)) console.error(`[${requestId}]`, error);
      // The body was not read in full: this connection cannot carry another request.
      if (error instanceof PayloadTooLarge) response.shouldKeepAlive = false;
      if (!response.headersSent) send(response, problemResponse(toProblem(error, requestId, url.pathname)));
      else response.end();
    }
  });

  // Requests Node's parser refuses before any handler runs (headers over maxHeaderSize, bad
  // syntax) still get a problem document, not Node's bare status line.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const title = tooLarge ? 'Request header fields too large' : 'Bad request';
    const body = JSON.stringify({
      type: `${PROBLEM_TYPE_BASE}${tooLarge ? 'request-header-fields-too-large' : 'bad-request'}`,
      title,
      status,
      detail: tooLarge
        ? `The request headers are larger than ${MAX_HEADER_BYTES / 1024} KB`
        : 'The request is not valid HTTP/1.1',
      requestId: randomUUID(),
    });
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\ncontent-type: application/problem+json\r\ncache-control: no-store\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
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
