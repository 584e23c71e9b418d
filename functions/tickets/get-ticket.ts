import { TicketPathParams } from '#tickets/schemas.js';
import { getTicket } from '#tickets/use-cases/get-ticket.js';
import { ticketView } from '#tickets/view.js';
import { etag, json, route, signedIn } from '../http/route.js';
import { ticketDeps } from '../wiring/api.js';
import { hideUnlessVisible } from './visibility.js';

export const handler = route(
  { action: 'tickets:read', hideForbidden: hideUnlessVisible, params: TicketPathParams },
  async ({ caller, params }) => {
    const who = signedIn(caller);
    const ticket = await getTicket(ticketDeps, who, params.id);
    return json(200, ticketView(ticket, who), { etag: etag(ticket.version) });
  },
);
