import { ReopenBody, TicketPathParams } from '../../shared/tickets/schemas.js';
import { reopenTicket } from '../../shared/tickets/use-cases.js';
import { ticketDeps } from './commons/deps.js';
import { etag, ifMatchVersion, json, route, signedIn } from './commons/http.js';
import { hideUnlessVisible } from './commons/tickets.js';

export const handler = route(
  {
    action: 'tickets:reopen',
    hideForbidden: hideUnlessVisible,
    params: TicketPathParams,
    body: ReopenBody,
    bodyOptional: true,
  },
  async ({ caller, params, body, headers }) => {
    const ticket = await reopenTicket(ticketDeps, signedIn(caller), params.id, body, ifMatchVersion(headers));
    return json(200, ticket, { etag: etag(ticket.version) });
  },
);
