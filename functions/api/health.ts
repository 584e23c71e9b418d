import { json, route } from './commons/http.js';

export const handler = route({ action: 'health:read' }, async () => json(200, { status: 'ok' }));
