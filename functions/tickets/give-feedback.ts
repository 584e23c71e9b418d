import { FeedbackBody, TicketPathParams } from '#tickets/schemas.js';
import { giveFeedback } from '#tickets/use-cases/give-feedback.js';
import { json, route, signedIn } from '../http/route.js';
import { changeDeps } from '../wiring/api-changes.js';
import { hideUnlessVisible } from './visibility.js';

export const handler = route(
  {
    action: 'tickets:feedback',
    hideForbidden: hideUnlessVisible,
    params: TicketPathParams,
    body: FeedbackBody,
  },
  async ({ caller, params, body }) =>
    json(201, await giveFeedback(changeDeps, signedIn(caller), params.id, body)),
);
