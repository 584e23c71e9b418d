import * as z from 'zod';
import { TicketPathParams } from '#tickets/schemas.js';
import { acceptTicket } from '#tickets/use-cases/resolution.js';
import { ticketView } from '#tickets/view.js';
import { etag, ifMatchVersion, json, route, signedIn } from '../http/route.js';
import { changeDeps } from '../wiring/api-changes.js';
import { hideUnlessVisible } from './visibility.js';

export const handler = route(
  {
    action: 'tickets:accept',
    hideForbidden: hideUnlessVisible,
    params: TicketPathParams,
    body: z.strictObject({}),
    bodyOptional: true,
  },
  async ({ caller, params, headers }) => {
    const who = signedIn(caller);
    const ticket = await acceptTicket(changeDeps, who, params.id, ifMatchVersion(headers));
    return json(200, ticketView(ticket, who), { etag: etag(ticket.version) });
  },
);
