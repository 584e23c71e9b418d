import * as z from 'zod';
import { issueUserToken } from '../../shared/auth/local-tokens.js';
import { envNames, requireEnv } from '../../shared/config/env.js';
import { Unauthenticated } from '../../shared/errors.js';
import { verifyPassword } from '../../shared/users/password.js';
import { users } from './commons/deps.js';
import { json, route } from './commons/http.js';

const jwtSecret = requireEnv(envNames.jwtSecret);

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
