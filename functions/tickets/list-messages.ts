import { PageQuery, TicketPathParams } from '#tickets/schemas.js';
import { listMessages } from '#tickets/use-cases/list-messages.js';
import { json, route, signedIn } from '../http/route.js';
import { listDeps } from '../wiring/api-lists.js';
import { hideUnlessVisible } from './visibility.js';

export const handler = route(
  { action: 'messages:list', hideForbidden: hideUnlessVisible, params: TicketPathParams, query: PageQuery },
  async ({ caller, params, query }) =>
    json(200, await listMessages(listDeps, signedIn(caller), params.id, query)),
);
