import { AvailabilityBody, setAvailability } from '#queues/use-cases/availability.js';
import { json, route, signedIn } from '../http/route.js';
import { pullDeps } from '../wiring/api-changes.js';

export const handler = route(
  { action: 'availability:write', body: AvailabilityBody },
  async ({ caller, body }) => json(200, await setAvailability(await pullDeps(), signedIn(caller), body)),
);
