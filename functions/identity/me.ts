import '../wiring/signed-in.js';
import { json, route, signedIn } from '../http/route.js';
import type { MeResponse } from './schemas.js';

export const handler = route({ action: 'me:read' }, async ({ caller }) => {
  const me = signedIn(caller);
  if (me.kind === 'integrator')
    return json(200, { id: me.id, role: 'integrator', scopes: me.scopes } satisfies MeResponse);
  return json(200, {
    id: me.id,
    email: me.email,
    name: me.name,
    role: me.role,
    orgId: me.orgId,
    locale: me.locale,
    timeZone: me.timeZone,
  } satisfies MeResponse);
});
