import { NewCannedResponse } from '#desk/canned-response.js';
import { createCannedResponse } from '#desk/use-cases/canned-responses.js';
import { etag, json, route, signedIn } from '../http/route.js';
import { API_PREFIX } from '../http/routes.js';
import { cannedDeps } from '../wiring/desk.js';

export const handler = route(
  { action: 'canned-responses:write', body: NewCannedResponse },
  async ({ caller, body }) => {
    const response = await createCannedResponse(cannedDeps, signedIn(caller), body);
    return json(201, response, {
      etag: etag(response.version),
      location: `${API_PREFIX}/canned-responses/${response.id}`,
    });
  },
);
