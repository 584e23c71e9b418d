import * as z from 'zod';
import { json, route } from '#functions/http/route.js';
import { users } from '#functions/wiring/api.js';
import { verifyPassword } from '#identity/password.js';
import { envNames, readSettings, requiredText } from '#platform/config.js';
import { Unauthenticated } from '#platform/errors.js';
import { issueUserToken } from './tokens.js';

const { jwtSecret } = readSettings({
  jwtSecret: z
    .object({ [envNames.jwtSecret]: requiredText(envNames.jwtSecret) })
    .transform((env) => env[envNames.jwtSecret]),
});

export const LoginBody = z
  .strictObject({ email: z.email().max(254), password: z.string().min(1).max(200) })
  .meta({ id: 'Login' });

/** Local only: in the cloud Cognito signs users in. Same answer for unknown user and wrong password. */
export const handler = route({ action: 'auth:login', body: LoginBody }, async ({ body }) => {
  const user = await users.findByEmail(body.email);
  const valid = user?.passwordHash ? await verifyPassword(body.password, user.passwordHash) : false;
  if (!user || !valid) throw new Unauthenticated('Wrong e-mail or password');
  const { passwordHash: _, ...profile } = user;
  return json(200, { token: await issueUserToken(jwtSecret, profile), user: profile });
});
