import { MessageBody, TicketPathParams } from '../../shared/tickets/schemas.js';
import { addMessage } from '../../shared/tickets/use-cases.js';
import { ticketDeps } from './commons/deps.js';
import { etag, ifMatchVersion, json, route, signedIn } from './commons/http.js';
import { hideUnlessVisible } from './commons/tickets.js';

export const handler = route(
  {
    action: 'messages:create',
    hideForbidden: hideUnlessVisible,
    params: TicketPathParams,
    body: MessageBody,
  },
  async ({ caller, params, body, headers }) => {
    const { message, ticket } = await addMessage(
      ticketDeps,
      signedIn(caller),
      params.id,
      body,
      ifMatchVersion(headers),
    );
    return json(201, message, {
      location: `/api/v1/tickets/${params.id}/messages/${message.id}`,
      etag: etag(ticket.version),
    });
  },
);
