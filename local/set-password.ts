import { json, route } from '#functions/http/route.js';
import { api } from '#functions/wiring/api.js';
import { SetPasswordBody, type SetPasswordResponse } from '#identity/login.js';
import { setPassword } from './invitations.js';

/**
 * Local only: an invited person chooses their password with the token of their mail. The answer
 * names the account, so the portal signs the person in without asking for the password again.
 */
export const handler = route({ action: 'auth:set-password', body: SetPasswordBody }, async ({ body }) =>
  json(200, (await setPassword(api.db, api.tableName, body)) satisfies SetPasswordResponse),
);
