import { InboundMailSettings } from '#email/ports.js';
import { putInboundSettings } from '#email/use-cases/dead-letters.js';
import { json, route } from '../http/route.js';
import { inboundMailStore } from '../wiring/inbound-admin.js';

export const handler = route({ action: 'inbound-mail:write', body: InboundMailSettings }, async ({ body }) =>
  json(200, await putInboundSettings(inboundMailStore, body)),
);
