import { PageQuery, TicketPathParams } from '../../shared/tickets/schemas.js';
import { listEvents } from '../../shared/tickets/use-cases.js';
import { ticketDeps } from './commons/deps.js';
import { json, route, signedIn } from './commons/http.js';
import { hideUnlessVisible } from './commons/tickets.js';

export const handler = route(
  { action: 'events:list', hideForbidden: hideUnlessVisible, params: TicketPathParams, query: PageQuery },
  async ({ caller, params, query }) =>
    json(200, await listEvents(ticketDeps, signedIn(caller), params.id, query)),
);
