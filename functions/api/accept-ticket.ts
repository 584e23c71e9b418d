import * as z from 'zod';
import { TicketPathParams } from '../../shared/tickets/schemas.js';
import { acceptTicket } from '../../shared/tickets/use-cases.js';
import { ticketDeps } from './commons/deps.js';
import { etag, ifMatchVersion, json, route, signedIn } from './commons/http.js';
import { hideUnlessVisible } from './commons/tickets.js';

export const handler = route(
  {
    action: 'tickets:accept',
    hideForbidden: hideUnlessVisible,
    params: TicketPathParams,
    body: z.strictObject({}),
    bodyOptional: true,
  },
  async ({ caller, params, headers }) => {
    const ticket = await acceptTicket(ticketDeps, signedIn(caller), params.id, ifMatchVersion(headers));
    return json(200, ticket, { etag: etag(ticket.version) });
  },
);
