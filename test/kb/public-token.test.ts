import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { jwksTokenVerifier } from '#identity/adapters/jwks-token-verifier.js';
import type { Caller } from '#identity/caller.js';
import { PublicTokenSettings, publicRouteCaller, type TokenVerifier } from '#identity/public-route-token.js';

/**
 * A staff token counts on the public knowledge-base routes in the cloud too (docs/kb.md): with
 * no authorizer on a public route, the function verifies the bearer token itself against the
 * user pool's keys, issuer and our clients, as the authorizer would; anything else is anonymous.
 */
const issuer = 'https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_Pool';
const portalClient = 'portal-client-id';
let verify: TokenVerifier;
let sign: (
  claims: Record<string, unknown>,
  options?: { issuer?: string; expiresIn?: string },
) => Promise<string>;
let strangerSign: typeof sign;

beforeAll(async () => {
  const keys = await generateKeyPair('RS256');
  const stranger = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'pool-key', alg: 'RS256' };
  verify = jwksTokenVerifier(issuer, createLocalJWKSet({ keys: [jwk] }));
  const signer =
    (privateKey: CryptoKey, kid: string) =>
    (claims: Record<string, unknown>, options: { issuer?: string; expiresIn?: string } = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid })
        .setIssuer(options.issuer ?? issuer)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '1h')
        .sign(privateKey);
  sign = signer(keys.privateKey, 'pool-key');
  strangerSign = signer(stranger.privateKey, 'pool-key');
});

const agentClaims = {
  sub: 'user-agent',
  aud: portalClient,
  'cognito:groups': ['agent'],
  email: 'agent@helpdesk.example',
  name: 'Agnes Agent',
};
const bearer = (token: string) => `Bearer ${token}`;
const callerOf = async (authorization: string | undefined, given: Caller | null = null) =>
  publicRouteCaller(given, authorization, verify, [portalClient]);

describe('a bearer token on a public route without an authorizer', () => {
  it('makes a valid staff token of the user pool the caller', async () => {
    expect(await callerOf(bearer(await sign(agentClaims)))).toMatchObject({
      kind: 'user',
      id: 'user-agent',
      role: 'agent',
      name: 'Agnes Agent',
    });
    // A Cognito access token names the client in client_id instead of aud.
    const { aud: _aud, ...access } = agentClaims;
    expect(await callerOf(bearer(await sign({ ...access, client_id: portalClient })))).toMatchObject({
      role: 'agent',
    });
  });

  it('reads as anonymous for a forged, expired, foreign or other-client token, or none', async () => {
    expect(await callerOf(bearer(await strangerSign(agentClaims)))).toBeNull();
    expect(await callerOf(bearer(await sign(agentClaims, { expiresIn: '-1m' })))).toBeNull();
    expect(
      await callerOf(
        bearer(await sign(agentClaims, { issuer: 'https://cognito-idp.eu-north-1.amazonaws.com/other' })),
      ),
    ).toBeNull();
    expect(await callerOf(bearer(await sign({ ...agentClaims, aud: 'someone-elses-client' })))).toBeNull();
    expect(await callerOf(bearer('not-a-jwt'))).toBeNull();
    expect(await callerOf(undefined)).toBeNull();
  });

  it('keeps the claims the gateway already gave, and does nothing where no issuer is set (locally)', async () => {
    const given: Caller = { kind: 'integrator', id: 'demo', scopes: ['tickets.read'] };
    expect(await callerOf(bearer(await sign(agentClaims)), given)).toBe(given);
    expect(await publicRouteCaller(null, bearer(await sign(agentClaims)), null, [])).toBeNull();
    expect(PublicTokenSettings.parse({})).toEqual({ issuer: null, audiences: [] });
    expect(
      PublicTokenSettings.parse({ TOKEN_ISSUER: issuer, TOKEN_AUDIENCES: `${portalClient}, integrator` }),
    ).toEqual({ issuer, audiences: [portalClient, 'integrator'] });
  });
});
