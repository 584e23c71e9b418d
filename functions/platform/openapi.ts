// Generated from ../http/openapi-document.ts by `npm run openapi:write` and held equal to it by
// test/platform/openapi-document.test.ts: building the document with zod-openapi at import took
// ~250 ms of CPU on a cold start, reading it from JSON ~50 ms (docs/performance.md).
import document from '../http/openapi.json' with { type: 'json' };
import { json, route } from '../http/route.js';

export const handler = route({ action: 'openapi:read' }, async () =>
  json(200, document, { 'cache-control': 'public, max-age=300' }),
);
