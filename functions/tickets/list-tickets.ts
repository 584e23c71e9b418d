import { ListTicketsQuery } from '#tickets/schemas.js';
import { listTickets } from '#tickets/use-cases/list-tickets.js';
import { json, route, signedIn } from '../http/route.js';
import { ticketDeps } from '../wiring/api.js';

export const handler = route({ action: 'tickets:list', query: ListTicketsQuery }, async ({ caller, query }) =>
  json(200, await listTickets(ticketDeps, signedIn(caller), query)),
);
