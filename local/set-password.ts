import { json, route } from '#functions/http/route.js';
import { api } from '#functions/wiring/api.js';
import { SetPasswordBody } from '#identity/login.js';
import { setPassword } from './invitations.js';

/** Local only: an invited person chooses their password with the token of their mail. */
export const handler = route({ action: 'auth:set-password', body: SetPasswordBody }, async ({ body }) => {
  await setPassword(api.db, api.tableName, body);
  return json(200, { ok: true });
});
