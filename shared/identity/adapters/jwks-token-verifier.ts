import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { Claims } from '../caller.js';
import type { TokenVerifier } from '../public-route-token.js';

/**
 * Verifies tokens of an OIDC issuer (the Cognito user pool) against its published keys, fetched
 * once per container and cached by jose; a refused token (signature, issuer, expiry) is null.
 */
export const jwksTokenVerifier = (
  issuer: string,
  keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`)),
): TokenVerifier => {
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, { issuer });
      return payload as Claims;
    } catch {
      return null;
    }
  };
};
