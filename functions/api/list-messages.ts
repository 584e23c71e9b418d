import { PageQuery, TicketPathParams } from '../../shared/tickets/schemas.js';
import { listMessages } from '../../shared/tickets/use-cases.js';
import { ticketDeps } from './commons/deps.js';
import { json, route, signedIn } from './commons/http.js';
import { hideUnlessVisible } from './commons/tickets.js';

export const handler = route(
  { action: 'messages:list', hideForbidden: hideUnlessVisible, params: TicketPathParams, query: PageQuery },
  async ({ caller, params, query }) =>
    json(200, await listMessages(ticketDeps, signedIn(caller), params.id, query)),
);
