import { PatchTicketBody, TicketPathParams } from '#tickets/schemas.js';
import { patchTicket } from '#tickets/use-cases/update-ticket.js';
import { ticketView } from '#tickets/view.js';
import { etag, ifMatchVersion, json, route, signedIn } from '../http/route.js';
import { changeDeps } from '../wiring/api-changes.js';
import { hideUnlessVisible } from './visibility.js';
import { noContent, readsTickets } from './write-only.js';

export const handler = route(
  {
    action: 'tickets:update',
    hideForbidden: hideUnlessVisible,
    params: TicketPathParams,
    body: PatchTicketBody,
  },
  async ({ caller, params, body, headers }) => {
    const who = signedIn(caller);
    const ticket = await patchTicket(changeDeps, who, params.id, body, ifMatchVersion(headers));
    if (!readsTickets(who)) return noContent({ etag: etag(ticket.version) });
    return json(200, ticketView(ticket, who), { etag: etag(ticket.version) });
  },
);
