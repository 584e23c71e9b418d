import { json, route } from '../http/route.js';

export const handler = route({ action: 'health:read' }, async () => json(200, { status: 'ok' }));
