import { ListTicketsQuery } from '#tickets/schemas.js';
import { listTickets } from '#tickets/use-cases.js';
import { json, route, signedIn } from '../http/route.js';
import { listDeps } from '../wiring/api-lists.js';

export const handler = route({ action: 'tickets:list', query: ListTicketsQuery }, async ({ caller, query }) =>
  json(200, await listTickets(listDeps, signedIn(caller), query)),
);
