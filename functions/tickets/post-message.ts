import { MessageBody, TicketPathParams } from '#tickets/schemas.js';
import { addMessage } from '#tickets/use-cases/add-message.js';
import { etag, ifMatchVersion, json, route, signedIn } from '../http/route.js';
import { changeDeps } from '../wiring/api-changes.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import { hideUnlessVisible } from './visibility.js';
import { readsTickets } from './write-only.js';

export const handler = route(
  {
    action: 'messages:create',
    hideForbidden: hideUnlessVisible,
    params: TicketPathParams,
    body: MessageBody,
  },
  async ({ caller, params, body, headers }) => {
    const who = signedIn(caller);
    const { message, ticket, replayed } = await addMessage(
      changeDeps,
      who,
      params.id,
      body,
      ifMatchVersion(headers),
      idempotencyKeyOf(headers),
    );
    return json(201, readsTickets(who) ? message : { id: message.id }, {
      location: `/api/v1/tickets/${params.id}/messages/${message.id}`,
      etag: etag(ticket.version),
      ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
    });
  },
);
