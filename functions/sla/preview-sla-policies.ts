import * as z from 'zod';
import { previewSlaPolicies } from '#sla/use-cases/preview-sla-policies.js';
import { json, route, signedIn } from '../http/route.js';
import { policyPreviewDeps } from '../wiring/admin.js';

export const handler = route(
  // Validated like the PUT body by the use case (calendars included), each message naming its field.
  { action: 'sla-policies:preview', body: z.unknown() },
  async ({ caller, body }) => json(200, await previewSlaPolicies(policyPreviewDeps, signedIn(caller), body)),
);
