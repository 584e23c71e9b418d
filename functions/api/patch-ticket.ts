import { PatchTicketBody, TicketPathParams } from '../../shared/tickets/schemas.js';
import { patchTicket } from '../../shared/tickets/use-cases.js';
import { ticketDeps } from './commons/deps.js';
import { etag, ifMatchVersion, json, route, signedIn } from './commons/http.js';
import { hideUnlessVisible } from './commons/tickets.js';

export const handler = route(
  {
    action: 'tickets:update',
    hideForbidden: hideUnlessVisible,
    params: TicketPathParams,
    body: PatchTicketBody,
  },
  async ({ caller, params, body, headers }) => {
    const ticket = await patchTicket(ticketDeps, signedIn(caller), params.id, body, ifMatchVersion(headers));
    return json(200, ticket, { etag: etag(ticket.version) });
  },
);
