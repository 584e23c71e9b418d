import { PresenceBody } from '#desk/presence.js';
import { heartbeat } from '#desk/use-cases/presence.js';
import { TicketPathParams } from '#tickets/schemas.js';
import { route, signedIn } from '../http/route.js';
import { hideUnlessVisible } from '../tickets/visibility.js';
import { presenceDeps } from '../wiring/desk.js';

export const handler = route(
  {
    action: 'presence:write',
    hideForbidden: hideUnlessVisible,
    params: TicketPathParams,
    body: PresenceBody,
  },
  async ({ caller, params, body }) => {
    await heartbeat(presenceDeps, signedIn(caller), params.id, body);
    return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
  },
);
