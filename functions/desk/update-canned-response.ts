import { CannedPathParams, CannedResponsePatch } from '#desk/canned-response.js';
import { updateCannedResponse } from '#desk/use-cases/canned-responses.js';
import { etag, ifMatchVersion, json, route, signedIn } from '../http/route.js';
import { cannedDeps } from '../wiring/desk.js';

export const handler = route(
  { action: 'canned-responses:write', params: CannedPathParams, body: CannedResponsePatch },
  async ({ caller, params, body, headers }) => {
    const response = await updateCannedResponse(
      cannedDeps,
      signedIn(caller),
      params.id,
      body,
      ifMatchVersion(headers),
    );
    return json(200, response, { etag: etag(response.version) });
  },
);
