import { MergeBody, TicketPathParams } from '#tickets/schemas.js';
import { mergeTicket } from '#tickets/use-cases/merge-ticket.js';
import { ticketView } from '#tickets/view.js';
import { etag, ifMatchVersion, json, route, signedIn } from '../http/route.js';
import { mergeDeps } from '../wiring/api-changes.js';
import { hideUnlessVisible } from './visibility.js';

export const handler = route(
  { action: 'tickets:merge', hideForbidden: hideUnlessVisible, params: TicketPathParams, body: MergeBody },
  async ({ caller, params, body, headers }) => {
    const who = signedIn(caller);
    const { source } = await mergeTicket(mergeDeps, who, params.id, body, ifMatchVersion(headers));
    return json(200, ticketView(source, who), { etag: etag(source.version) });
  },
);
