import { TicketPathParams } from '#tickets/schemas.js';
import { deleteTicket } from '#tickets/use-cases/delete-ticket.js';
import { ifMatchVersion, json, route, signedIn } from '../http/route.js';
import { deleteTicketDeps } from '../wiring/api.js';
import { hideUnlessVisible } from './visibility.js';

/** 202: the ticket is gone from every read; its messages, files and search entries follow (docs/api.md). */
export const handler = route(
  { action: 'tickets:delete', hideForbidden: hideUnlessVisible, params: TicketPathParams },
  async ({ caller, params, headers }) => {
    const deletion = await deleteTicket(
      deleteTicketDeps,
      signedIn(caller),
      params.id,
      ifMatchVersion(headers),
    );
    return json(202, deletion);
  },
);
