import { CannedPathParams, RenderQuery } from '#desk/canned-response.js';
import { renderCannedResponse } from '#desk/use-cases/canned-responses.js';
import { json, route, signedIn } from '../http/route.js';
import { cannedDeps } from '../wiring/desk.js';

export const handler = route(
  { action: 'canned-responses:read', params: CannedPathParams, query: RenderQuery },
  async ({ caller, params, query }) => {
    const rendered = await renderCannedResponse(cannedDeps, signedIn(caller), params.id, query.ticketId);
    return json(200, rendered);
  },
);
