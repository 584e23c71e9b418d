import * as z from 'zod';
import { putSlaPolicies } from '#sla/use-cases/put-sla-policies.js';
import { etag, ifMatchVersion, json, route, signedIn } from '../http/route.js';
import { slaPolicyDeps } from '../wiring/sla-policies.js';

export const handler = route(
  // The use case validates the document: it also checks the calendars, and each message names its field.
  { action: 'sla-policies:write', body: z.unknown() },
  async ({ caller, body, headers }) => {
    const { policies, version } = await putSlaPolicies(
      slaPolicyDeps,
      signedIn(caller),
      body,
      ifMatchVersion(headers),
    );
    return json(200, { policies }, { etag: etag(version) });
  },
);
