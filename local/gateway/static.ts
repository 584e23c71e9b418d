import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { NotFound } from '#platform/errors.js';

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

export const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
};

/** Writes a generated page or script (the docs, the landing page). */
export const sendText = (response: ServerResponse, contentType: string, text: string) => {
  response.writeHead(200, { 'content-type': contentType, ...securityHeaders });
  response.end(text);
};

/** Serves a file under `root`, never outside it; false when there is no such file. */
export const serveFile = async (
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

/** Whether `portalDir` holds a built portal. */
export const isPortalBuilt = (portalDir: string | undefined): portalDir is string =>
  portalDir !== undefined && existsSync(join(portalDir, 'index.html'));

/**
 * The built portal as CloudFront serves it: hashed assets cached for good, everything else
 * revalidated, and every other path answered with index.html (a client-side route).
 */
export const servePortal = async (response: ServerResponse, portalDir: string, url: URL): Promise<void> => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    // CloudFront finds no object under a key that is not valid percent-encoding.
    throw new NotFound('No such file');
  }
  const relative = decoded.replace(/^\/+/, '');
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
  await serveFile(response, portalDir, 'index.html', 'no-cache');
};
