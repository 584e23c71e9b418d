import type { Route } from '#functions/http/routes.js';
import type { Claims } from '#identity/caller.js';
import { permissions } from '#identity/permissions.js';
import { Unauthenticated } from '#platform/errors.js';
import { verifyLocalToken } from '../tokens.js';

/**
 * Like the HTTP API JWT authorizer: a valid bearer token's claims go on to the function;
 * protected routes never reach the function without one.
 */
export const authorize = async (
  jwtSecret: string,
  route: Route,
  authorization: string | undefined,
): Promise<Claims | undefined> => {
  let claims: Claims | undefined;
  if (authorization?.toLowerCase().startsWith('bearer ')) {
    claims = (await verifyLocalToken(jwtSecret, authorization.slice(7).trim())) ?? undefined;
  }
  if (!permissions[route.action].public && !claims) {
    throw new Unauthenticated(
      authorization ? 'The bearer token is invalid or expired' : 'Sign in first: send a bearer token',
    );
  }
  return claims;
};
