import { createHmac } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Claims } from '#identity/caller.js';
import type { User } from '#identity/user.js';

/**
 * The local stand-in for Cognito: HS256 tokens whose claims have the shape the HTTP API JWT
 * authorizer passes on (sub, email, cognito:groups, custom:orgId, scope).
 */
export const LOCAL_ISSUER = 'helpdesk-local';
export const LOCAL_AUDIENCE = 'helpdesk';
export const TOKEN_TTL_SECONDS = 8 * 60 * 60;

const key = (secret: string) => new TextEncoder().encode(secret);

export const issueUserToken = (secret: string, user: User, now = new Date()): Promise<string> =>
  new SignJWT({
    email: user.email,
    name: user.name,
    locale: user.locale,
    zoneinfo: user.timeZone,
    'cognito:groups': [user.role],
    ...(user.orgId ? { 'custom:orgId': user.orgId } : {}),
    token_use: 'id',
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(now.getTime() / 1000) + TOKEN_TTL_SECONDS)
    .sign(key(secret));

export const issueIntegratorToken = (secret: string, clientId: string, scopes: string[], now = new Date()) =>
  new SignJWT({
    client_id: clientId,
    scope: scopes.map((scope) => `helpdesk/${scope}`).join(' '),
    token_use: 'access',
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(clientId)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(now.getTime() / 1000) + TOKEN_TTL_SECONDS)
    .sign(key(secret));

/** The claims of a valid token, or null. */
export const verifyLocalToken = async (secret: string, token: string): Promise<Claims | null> => {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      algorithms: ['HS256'],
    });
    return payload as Claims;
  } catch {
    return null;
  }
};

/** The one local integrator (Cognito app clients stand in the cloud); `npm start` prints its secret. */
export const DEMO_INTEGRATOR_ID = 'demo-integrator';

/** Derived from the signing secret: stable across restarts (.data/secrets.json), nothing more to store. */
export const demoIntegratorSecret = (jwtSecret: string): string =>
  createHmac('sha256', jwtSecret).update(DEMO_INTEGRATOR_ID).digest('base64url');
