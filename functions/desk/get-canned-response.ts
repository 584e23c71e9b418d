import { CannedPathParams } from '#desk/canned-response.js';
import { getCannedResponse } from '#desk/use-cases/canned-responses.js';
import { etag, json, route, signedIn } from '../http/route.js';
import { cannedDeps } from '../wiring/desk.js';

export const handler = route(
  { action: 'canned-responses:read', params: CannedPathParams },
  async ({ caller, params }) => {
    const response = await getCannedResponse(cannedDeps, signedIn(caller), params.id);
    return json(200, response, { etag: etag(response.version) });
  },
);
