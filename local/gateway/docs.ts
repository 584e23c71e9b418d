import type { ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { API_PREFIX } from '#functions/http/routes.js';
import { NotFound } from '#platform/errors.js';
import { sendText, serveFile } from './static.js';

const swaggerDir = resolve(import.meta.dirname, '../../node_modules/swagger-ui-dist');
const ASSETS = '/docs/assets/';

const docsPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Help desk API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`;
const docsInit = `window.ui = SwaggerUIBundle({ url: '${API_PREFIX}/openapi.json', dom_id: '#swagger-ui', persistAuthorization: true });`;

export const isDocsPath = (pathname: string): boolean =>
  pathname === '/docs' ||
  pathname === '/docs/' ||
  pathname === '/docs/init.js' ||
  pathname.startsWith(ASSETS);

/** The API reference: Swagger UI (from node_modules) over the generated OpenAPI document. */
export const serveDocs = async (response: ServerResponse, pathname: string): Promise<void> => {
  if (pathname === '/docs/init.js') {
    sendText(response, 'text/javascript; charset=utf-8', docsInit);
    return;
  }
  if (pathname.startsWith(ASSETS)) {
    if (await serveFile(response, swaggerDir, pathname.slice(ASSETS.length), 'public, max-age=3600')) return;
    throw new NotFound('No such file');
  }
  sendText(response, 'text/html; charset=utf-8', docsPage);
};

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

/** What `/` shows while the portal is not built: where the API, its docs and the mail viewer are. */
export const serveLandingPage = (response: ServerResponse, sesViewerUrl: string | undefined) =>
  sendText(response, 'text/html; charset=utf-8', landingPage(sesViewerUrl));
