import * as z from 'zod';
import { json, route } from '#functions/http/route.js';
import { users } from '#functions/wiring/api.js';
import { LoginBody, type LoginResponse } from '#identity/login.js';
import { verifyPassword } from '#identity/password.js';
import { envNames, readSettings, requiredText } from '#platform/config.js';
import { Unauthenticated } from '#platform/errors.js';
import { issueUserToken } from './tokens.js';

const { jwtSecret } = readSettings({
  jwtSecret: z
    .object({ [envNames.jwtSecret]: requiredText(envNames.jwtSecret) })
    .transform((env) => env[envNames.jwtSecret]),
});

/** Local only: in the cloud Cognito signs users in. Same answer for unknown user and wrong password. */
export const handler = route({ action: 'auth:login', body: LoginBody }, async ({ body }) => {
  const user = await users.findByEmail(body.email);
  const valid = user?.passwordHash ? await verifyPassword(body.password, user.passwordHash) : false;
  if (!user || !valid) throw new Unauthenticated('Wrong e-mail or password');
  const { passwordHash: _, ...profile } = user;
  return json(200, {
    token: await issueUserToken(jwtSecret, profile),
    user: profile,
  } satisfies LoginResponse);
});
