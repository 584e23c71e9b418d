import * as z from 'zod';
import { problemResponse, toProblem } from '#functions/http/problem.js';
import { json, route } from '#functions/http/route.js';
import { users } from '#functions/wiring/api.js';
import { LoginBody, type LoginResponse } from '#identity/login.js';
import { LoginThrottle } from '#identity/login-throttle.js';
import { verifyPasswordOrDummy } from '#identity/password.js';
import { envNames, readSettings, requiredText } from '#platform/config.js';
import { TooManyRequests, Unauthenticated } from '#platform/errors.js';
import { issueUserToken } from './tokens.js';

const { jwtSecret } = readSettings({
  jwtSecret: z
    .object({ [envNames.jwtSecret]: requiredText(envNames.jwtSecret) })
    .transform((env) => env[envNames.jwtSecret]),
});

/** Wrong passwords per e-mail and client address: 5 within 15 minutes lock that pair. */
const throttle = new LoginThrottle();

/**
 * Local only: in the cloud Cognito signs users in. Same answer, and the same time (a dummy
 * hash is checked for an unknown e-mail), for unknown user and wrong password.
 */
export const handler = route(
  { action: 'auth:login', body: LoginBody },
  async ({ body, event, requestId }) => {
    const clientAddress = event.requestContext.http.sourceIp;
    const lockedFor = throttle.lockedFor(body.email, clientAddress);
    if (lockedFor > 0) {
      const error = new TooManyRequests(
        `Too many wrong passwords for this e-mail: try again in ${lockedFor} seconds`,
        lockedFor,
      );
      return problemResponse(toProblem(error, requestId, event.rawPath), {
        'retry-after': String(lockedFor),
      });
    }
    const user = await users.findByEmail(body.email);
    const valid = await verifyPasswordOrDummy(body.password, user?.passwordHash);
    // A deactivated account signs in no more (the same answer: it does not tell who exists).
    if (!user || !valid || user.active === false) {
      throttle.recordFailure(body.email, clientAddress);
      throw new Unauthenticated('Wrong e-mail or password');
    }
    throttle.recordSuccess(body.email, clientAddress);
    const { passwordHash: _, active: _active, ...profile } = user;
    return json(200, {
      token: await issueUserToken(jwtSecret, profile),
      user: profile,
    } satisfies LoginResponse);
  },
);
