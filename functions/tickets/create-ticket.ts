import { CreateTicketBody } from '#tickets/schemas.js';
import { createTicket } from '#tickets/use-cases/create-ticket.js';
import { ticketView } from '#tickets/view.js';
import { etag, json, route, signedIn } from '../http/route.js';
import { changeDeps } from '../wiring/api-changes.js';
import { idempotencyKeyOf } from './idempotency-key.js';

export const handler = route(
  { action: 'tickets:create', body: CreateTicketBody },
  async ({ caller, body, headers }) => {
    const who = signedIn(caller);
    const { ticket, replayed } = await createTicket(changeDeps, who, body, idempotencyKeyOf(headers));
    return json(201, ticketView(ticket, who), {
      location: `/api/v1/tickets/${ticket.id}`,
      etag: etag(ticket.version),
      ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
    });
  },
);
