import { listCannedResponses } from '#desk/use-cases/canned-responses.js';
import { json, route, signedIn } from '../http/route.js';
import { cannedDeps } from '../wiring/desk.js';

export const handler = route({ action: 'canned-responses:read' }, async ({ caller }) => {
  const items = await listCannedResponses(cannedDeps, signedIn(caller));
  return json(200, { items });
});
