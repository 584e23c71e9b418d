import { MessagePathParams } from '#tickets/schemas.js';
import { getMessage } from '#tickets/use-cases/get-message.js';
import { json, route, signedIn } from '../http/route.js';
import { ticketDeps } from '../wiring/api.js';
import { hideUnlessVisible } from './visibility.js';

export const handler = route(
  { action: 'messages:read', hideForbidden: hideUnlessVisible, params: MessagePathParams },
  async ({ caller, params }) =>
    json(200, await getMessage(ticketDeps, signedIn(caller), params.id, params.messageId)),
);
