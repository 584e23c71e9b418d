import { getInboundSettings } from '#email/use-cases/dead-letters.js';
import { json, route } from '../http/route.js';
import { inboundMailStore } from '../wiring/inbound-admin.js';

export const handler = route({ action: 'inbound-mail:read' }, async () =>
  json(200, await getInboundSettings(inboundMailStore)),
);
