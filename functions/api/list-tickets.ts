import { ListTicketsQuery } from '../../shared/tickets/schemas.js';
import { listTickets } from '../../shared/tickets/use-cases.js';
import { ticketDeps } from './commons/deps.js';
import { json, route, signedIn } from './commons/http.js';

export const handler = route({ action: 'tickets:list', query: ListTicketsQuery }, async ({ caller, query }) =>
  json(200, await listTickets(ticketDeps, signedIn(caller), query)),
);
