import { CreateTicketBody } from '#tickets/schemas.js';
import { createTicket } from '#tickets/use-cases/create-ticket.js';
import { ticketView } from '#tickets/view.js';
import { etag, json, route, signedIn } from '../http/route.js';
import { changeDeps } from '../wiring/api-changes.js';
import { idempotencyKeyOf } from './idempotency-key.js';
import { readsTickets } from './write-only.js';

export const handler = route(
  { action: 'tickets:create', body: CreateTicketBody },
  async ({ caller, body, headers }) => {
    const who = signedIn(caller);
    const { ticket, replayed } = await createTicket(changeDeps, who, body, idempotencyKeyOf(headers));
    const body201 = readsTickets(who)
      ? ticketView(ticket, who)
      : { id: ticket.id, reference: ticket.reference };
    return json(201, body201, {
      location: `/api/v1/tickets/${ticket.id}`,
      etag: etag(ticket.version),
      ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
    });
  },
);
