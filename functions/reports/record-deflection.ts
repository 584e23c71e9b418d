import { DeflectionBody, recordDeflection } from '#reports/use-cases/record-deflection.js';
import { json, route, signedIn } from '../http/route.js';
import { deflectionDeps } from '../wiring/deflections.js';

/** A client read a suggested article and did not open a ticket (docs/kb.md): counted once per session key. */
export const handler = route({ action: 'kb:deflection', body: DeflectionBody }, async ({ caller, body }) =>
  json(200, await recordDeflection(deflectionDeps, signedIn(caller), body)),
);
