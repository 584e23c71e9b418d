import { ReopenBody, TicketPathParams } from '#tickets/schemas.js';
import { reopenTicket } from '#tickets/use-cases/resolution.js';
import { ticketView } from '#tickets/view.js';
import { etag, ifMatchVersion, json, route, signedIn } from '../http/route.js';
import { changeDeps } from '../wiring/api-changes.js';
import { hideUnlessVisible } from './visibility.js';

export const handler = route(
  {
    action: 'tickets:reopen',
    hideForbidden: hideUnlessVisible,
    params: TicketPathParams,
    body: ReopenBody,
    bodyOptional: true,
  },
  async ({ caller, params, body, headers }) => {
    const who = signedIn(caller);
    const ticket = await reopenTicket(changeDeps, who, params.id, body, ifMatchVersion(headers));
    return json(200, ticketView(ticket, who), { etag: etag(ticket.version) });
  },
);
