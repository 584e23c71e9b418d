import { ListTicketsQuery } from '#tickets/schemas.js';
import { listTickets } from '#tickets/use-cases/list-tickets.js';
import { pageView, ticketView } from '#tickets/view.js';
import { json, route, signedIn } from '../http/route.js';
import { searchListDeps } from '../wiring/search.js';

export const handler = route(
  { action: 'tickets:list', query: ListTicketsQuery },
  async ({ caller, query }) => {
    const who = signedIn(caller);
    const page = await listTickets(searchListDeps, who, query);
    return json(200, {
      ...pageView(page, (ticket) => ticketView(ticket, who)),
      ...(page.searched ? { searched: page.searched } : {}),
    });
  },
);
