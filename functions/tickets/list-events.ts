import { PageQuery, TicketPathParams } from '#tickets/schemas.js';
import { listEvents } from '#tickets/use-cases/list-events.js';
import { json, route, signedIn } from '../http/route.js';
import { ticketDeps } from '../wiring/api.js';
import { hideUnlessVisible } from './visibility.js';

export const handler = route(
  { action: 'events:list', hideForbidden: hideUnlessVisible, params: TicketPathParams, query: PageQuery },
  async ({ caller, params, query }) =>
    json(200, await listEvents(ticketDeps, signedIn(caller), params.id, query)),
);
