import { listDeadLetters } from '#email/use-cases/dead-letters.js';
import { PageQuery } from '#tickets/schemas.js';
import { json, route } from '../http/route.js';
import { inboundMailStore } from '../wiring/inbound-admin.js';

export const handler = route({ action: 'inbound-mail:read', query: PageQuery }, async ({ query }) =>
  json(200, await listDeadLetters(inboundMailStore, query)),
);
