import { whoIsHere } from '#desk/use-cases/presence.js';
import { TicketPathParams } from '#tickets/schemas.js';
import { json, route, signedIn } from '../http/route.js';
import { hideUnlessVisible } from '../tickets/visibility.js';
import { presenceDeps } from '../wiring/desk.js';

export const handler = route(
  { action: 'presence:read', hideForbidden: hideUnlessVisible, params: TicketPathParams },
  async ({ caller, params }) => json(200, await whoIsHere(presenceDeps, signedIn(caller), params.id)),
);
