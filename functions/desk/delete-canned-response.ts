import { CannedPathParams } from '#desk/canned-response.js';
import { deleteCannedResponse } from '#desk/use-cases/canned-responses.js';
import { route, signedIn } from '../http/route.js';
import { cannedDeps } from '../wiring/desk.js';

export const handler = route(
  { action: 'canned-responses:write', params: CannedPathParams },
  async ({ caller, params }) => {
    await deleteCannedResponse(cannedDeps, signedIn(caller), params.id);
    return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
  },
);
