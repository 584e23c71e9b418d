import * as z from 'zod';
import { putSlaPolicies } from '../../shared/sla/policies.js';
import { slaPolicyDeps } from './commons/engine.js';
import { etag, ifMatchVersion, json, route, signedIn } from './commons/http.js';

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
