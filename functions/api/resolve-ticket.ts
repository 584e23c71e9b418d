import { ResolveBody, TicketPathParams } from '../../shared/tickets/schemas.js';
import { resolveTicket } from '../../shared/tickets/use-cases.js';
import { ticketDeps } from './commons/deps.js';
import { etag, ifMatchVersion, json, route, signedIn } from './commons/http.js';
import { hideUnlessVisible } from './commons/tickets.js';

export const handler = route(
  {
    action: 'tickets:resolve',
    hideForbidden: hideUnlessVisible,
    params: TicketPathParams,
    body: ResolveBody,
    bodyOptional: true,
  },
  async ({ caller, params, body, headers }) => {
    const ticket = await resolveTicket(
      ticketDeps,
      signedIn(caller),
      params.id,
      body,
      ifMatchVersion(headers),
    );
    return json(200, ticket, { etag: etag(ticket.version) });
  },
);
