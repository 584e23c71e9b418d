import * as z from 'zod';
import { optionalText } from '#platform/config.js';
import type { Caller, Claims } from './caller.js';
import { callerFromClaims } from './caller.js';

/**
 * Public routes with a caller-dependent answer (the knowledge base: staff see drafts and internal
 * articles) get no claims in the cloud: API Gateway attaches no JWT authorizer to a public route.
 * Their function checks a bearer token itself, against the same issuer and audiences as the
 * authorizer (docs/kb.md). Locally the gateway already passes a valid token's claims on.
 */
export const publicTokenEnvNames = {
  issuer: 'TOKEN_ISSUER',
  audiences: 'TOKEN_AUDIENCES',
} as const;

/** Unset (locally, and in tests): the route keeps the claims the gateway gave it, or none. */
export const PublicTokenSettings = z
  .object({
    [publicTokenEnvNames.issuer]: optionalText(),
    [publicTokenEnvNames.audiences]: optionalText(),
  })
  .transform((env) => ({
    issuer: env[publicTokenEnvNames.issuer],
    audiences: (env[publicTokenEnvNames.audiences] ?? '')
      .split(',')
      .map((audience) => audience.trim())
      .filter(Boolean),
  }));
export type PublicTokenConfig = z.output<typeof PublicTokenSettings>;

/** Verifies a JWT's signature, issuer and expiry; the claims, or null for any token it refuses. */
export type TokenVerifier = (token: string) => Promise<Claims | null>;

/**
 * Whether the claims were issued to one of our clients, as the HTTP API authorizer checks: an
 * ID token names the client in `aud`, a Cognito access token in `client_id`.
 */
export const issuedToOneOf = (claims: Claims, audiences: readonly string[]): boolean => {
  const named = [claims.aud, claims.client_id]
    .flat()
    .filter((value): value is string => typeof value === 'string');
  return named.some((audience) => audiences.includes(audience));
};

/**
 * The caller of a public route: the authorizer's (locally, the gateway's) if any; else, with a
 * bearer token and a verifier, the token's if it verifies and was issued to one of our clients.
 * A bad token on a public route is not an error: the reader is anonymous, as without one.
 */
export const publicRouteCaller = async (
  given: Caller | null,
  authorization: string | undefined,
  verify: TokenVerifier | null,
  audiences: readonly string[],
): Promise<Caller | null> => {
  if (given || !verify || !authorization?.toLowerCase().startsWith('bearer ')) return given;
  const claims = await verify(authorization.slice(7).trim());
  return claims && issuedToOneOf(claims, audiences) ? callerFromClaims(claims) : null;
};
