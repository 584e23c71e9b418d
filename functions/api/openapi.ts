import { json, route } from './commons/http.js';
import { openApiDocument } from './contract.js';

const document = openApiDocument();

export const handler = route({ action: 'openapi:read' }, async () =>
  json(200, document, { 'cache-control': 'public, max-age=300' }),
);
