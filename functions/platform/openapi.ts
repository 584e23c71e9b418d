import { openApiDocument } from '../http/openapi-document.js';
import { json, route } from '../http/route.js';

const document = openApiDocument();

export const handler = route({ action: 'openapi:read' }, async () =>
  json(200, document, { 'cache-control': 'public, max-age=300' }),
);
