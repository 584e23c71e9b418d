import { ResolveBody, TicketPathParams } from '#tickets/schemas.js';
import { resolveTicket } from '#tickets/use-cases/resolution.js';
import { etag, ifMatchVersion, json, route, signedIn } from '../http/route.js';
import { ticketDeps } from '../wiring/api.js';
import { hideUnlessVisible } from './visibility.js';

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
