import { FeedbackBody, TicketPathParams } from '../../shared/tickets/schemas.js';
import { giveFeedback } from '../../shared/tickets/use-cases.js';
import { ticketDeps } from './commons/deps.js';
import { json, route, signedIn } from './commons/http.js';
import { hideUnlessVisible } from './commons/tickets.js';

export const handler = route(
  {
    action: 'tickets:feedback',
    hideForbidden: hideUnlessVisible,
    params: TicketPathParams,
    body: FeedbackBody,
  },
  async ({ caller, params, body }) =>
    json(201, await giveFeedback(ticketDeps, signedIn(caller), params.id, body)),
);
