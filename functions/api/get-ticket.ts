import { TicketPathParams } from '../../shared/tickets/schemas.js';
import { getTicket } from '../../shared/tickets/use-cases.js';
import { ticketDeps } from './commons/deps.js';
import { etag, json, route, signedIn } from './commons/http.js';
import { hideUnlessVisible } from './commons/tickets.js';

export const handler = route(
  { action: 'tickets:read', hideForbidden: hideUnlessVisible, params: TicketPathParams },
  async ({ caller, params }) => {
    const ticket = await getTicket(ticketDeps, signedIn(caller), params.id);
    return json(200, ticket, { etag: etag(ticket.version) });
  },
);
