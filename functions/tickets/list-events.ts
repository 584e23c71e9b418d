import { PageQuery, TicketPathParams } from '#tickets/schemas.js';
import { listEvents } from '#tickets/use-cases/list-events.js';
import { eventView, pageView } from '#tickets/view.js';
import { json, route, signedIn } from '../http/route.js';
import { listDeps } from '../wiring/api-lists.js';
import { hideUnlessVisible } from './visibility.js';

export const handler = route(
  { action: 'events:list', hideForbidden: hideUnlessVisible, params: TicketPathParams, query: PageQuery },
  async ({ caller, params, query }) => {
    const who = signedIn(caller);
    const page = await listEvents(listDeps, who, params.id, query);
    return json(
      200,
      pageView(page, (event) => eventView(event, who)),
    );
  },
);
