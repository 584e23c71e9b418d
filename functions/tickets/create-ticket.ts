import * as z from 'zod';
import { Invalid } from '#platform/errors.js';
import { CreateTicketBody } from '#tickets/schemas.js';
import { createTicket } from '#tickets/use-cases/create-ticket.js';
import { ticketView } from '#tickets/view.js';
import { etag, json, route, signedIn } from '../http/route.js';
import { changeDeps } from '../wiring/api-changes.js';
import { readsTickets } from './write-only.js';

const IdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, 'Idempotency-Key is 1–255 visible ASCII characters');

export const handler = route(
  { action: 'tickets:create', body: CreateTicketBody },
  async ({ caller, body, headers }) => {
    const rawKey = headers['idempotency-key'];
    const key = rawKey === undefined ? undefined : IdempotencyKey.safeParse(rawKey);
    if (key && !key.success) {
      throw new Invalid('The Idempotency-Key header is invalid', [
        { path: 'Idempotency-Key', message: key.error.issues[0]?.message ?? 'invalid' },
      ]);
    }
    const who = signedIn(caller);
    const { ticket, replayed } = await createTicket(changeDeps, who, body, key?.data);
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
