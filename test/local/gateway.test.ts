import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '#functions/http/routes.js';
import { createLocalServer } from '#local/gateway/server.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/** The local API Gateway / CloudFront stand-in at its edges: malformed URLs, oversized requests, HEAD. */
let rt: TestRuntime;
let client: string;
let ticketId: string;
let portal: Awaited<ReturnType<typeof createLocalServer>>;
const portalDir = mkdtempSync(join(tmpdir(), 'portal-'));

beforeAll(async () => {
  rt = await startTestRuntime();
  client = await rt.token('client@acme.example');
  ticketId = (
    await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: client,
      body: { subject: 'Gateway edges', description: 'x' },
    })
  ).body.id;
  mkdirSync(join(portalDir, 'assets'));
  writeFileSync(join(portalDir, 'index.html'), '<!doctype html><title>portal</title>');
  writeFileSync(join(portalDir, 'assets', 'app-1234.js'), 'console.log(1)');
  portal = await createLocalServer({ port: 0, jwtSecret: 'unused-here', portalDir });
});
afterAll(async () => {
  await rt.stop();
  await portal.close();
  rmSync(portalDir, { recursive: true, force: true });
});

/** A raw HTTP exchange: what a client reads back, or the socket error it gets instead. */
const raw = (
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> =>
  new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    if (options.body) {
      // Written in pieces, as a client uploading a large body does.
      const body = options.body;
      let offset = 0;
      const writeMore = () => {
        while (offset < body.length) {
          const piece = body.subarray(offset, offset + 256 * 1024);
          offset += piece.length;
          if (!req.write(piece)) {
            req.once('drain', writeMore);
            return;
          }
        }
        req.end();
      };
      writeMore();
    } else req.end();
  });

describe('malformed percent-encoding', () => {
  it('answers 400 problem+json on an API path parameter that is not valid percent-encoding', async () => {
    const response = await call(`${rt.api}/tickets/%ZZ`, { token: client });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body.detail).toMatch(/percent-encoding/);
  });

  it('answers 404, not 500, on a portal path or an asset that is not valid percent-encoding', async () => {
    for (const path of ['/%ZZ', '/assets/%ZZ', '/tickets/%E0%A4%A']) {
      const response = await fetch(`${portal.url}${path}`);
      expect(response.status, path).toBe(404);
    }
  });
});

describe('oversized requests', () => {
  it('answers an 11 MB body with 413 problem+json the client can read, not a reset connection', async () => {
    const body = Buffer.from(
      JSON.stringify({ subject: 'Too large', description: 'x'.repeat(11 * 1024 * 1024) }),
    );
    const response = await raw(`${rt.api}/tickets`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${client}`,
        'content-type': 'application/json',
        'content-length': String(body.length),
      },
      body,
    });
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.text)).toMatchObject({ status: 413, title: 'Payload too large' });
  });

  it('answers oversized headers with 431 problem+json', async () => {
    const response = await raw(`${rt.api}/tickets`, {
      headers: { authorization: `Bearer ${client}`, 'x-padding': 'x'.repeat(64 * 1024) },
    });
    expect(response.status).toBe(431);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(response.text)).toMatchObject({ status: 431 });
  });
});

describe('HEAD', () => {
  it('answers HEAD on every GET route like GET, without a body', async () => {
    const gets = routes.filter((route) => route.method === 'GET');
    expect(gets.length).toBeGreaterThan(3);
    for (const route of gets) {
      const url = `${rt.api}${route.path.replace('{id}', ticketId)}`;
      const options = { headers: { authorization: `Bearer ${client}` } };
      const get = await raw(url, options);
      const head = await raw(url, { ...options, method: 'HEAD' });
      expect(head.status, route.path).toBe(get.status);
      expect(head.headers['content-type'], route.path).toBe(get.headers['content-type']);
      expect(head.text, route.path).toBe('');
    }
  });

  it('lists HEAD beside GET in Allow', async () => {
    const response = await fetch(`${rt.api}/tickets/${ticketId}`, { method: 'OPTIONS' });
    expect(response.headers.get('allow')?.split(', ')).toEqual(expect.arrayContaining(['GET', 'HEAD']));
  });
});
