import { timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { json, route } from '#functions/http/route.js';
import { scopes } from '#identity/caller.js';
import { envNames, readSettings, requiredText } from '#platform/config.js';
import {
  DEMO_INTEGRATOR_ID,
  demoIntegratorSecret,
  issueIntegratorToken,
  TOKEN_TTL_SECONDS,
} from './tokens.js';

const { jwtSecret } = readSettings({
  jwtSecret: z
    .object({ [envNames.jwtSecret]: requiredText(envNames.jwtSecret) })
    .transform((env) => env[envNames.jwtSecret]),
});

/**
 * Local only: the OAuth2 client credentials grant Cognito's token endpoint serves in the cloud,
 * so an integrator can try the API on a laptop. Errors follow RFC 6749 §5.2
 * (`{ error, error_description }`), not problem+json, as OAuth2 clients expect.
 */
const oauthError = (statusCode: number, error: string, description: string) =>
  json(
    statusCode,
    { error, error_description: description },
    {
      ...(error === 'invalid_client' ? { 'www-authenticate': 'Basic realm="helpdesk"' } : {}),
    },
  );

const fieldsOf = (body: string, contentType: string): Record<string, string> | undefined => {
  if (/^application\/x-www-form-urlencoded\b/i.test(contentType))
    return Object.fromEntries(new URLSearchParams(body));
  if (/^application\/json\b/i.test(contentType)) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
    } catch {}
    return undefined;
  }
  return body.trim() === '' ? {} : undefined;
};

const basicCredentials = (header: string | undefined) => {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return {
    id: decodeURIComponent(decoded.slice(0, colon)),
    secret: decodeURIComponent(decoded.slice(colon + 1)),
  };
};

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

export const handler = route({ action: 'auth:token' }, async ({ event, headers }) => {
  const raw = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');
  const fields = fieldsOf(raw, headers['content-type'] ?? '');
  if (!fields)
    return oauthError(400, 'invalid_request', 'Send the body as application/x-www-form-urlencoded (or JSON)');
  if (!fields.grant_type) return oauthError(400, 'invalid_request', 'grant_type is required');
  if (fields.grant_type !== 'client_credentials')
    return oauthError(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported');
  let credentials: { id: string; secret: string } | undefined;
  try {
    credentials =
      basicCredentials(headers.authorization) ??
      (fields.client_id && fields.client_secret
        ? { id: fields.client_id, secret: fields.client_secret }
        : undefined);
  } catch {
    credentials = undefined;
  }
  if (!credentials)
    return oauthError(401, 'invalid_client', 'Send client_id and client_secret (HTTP Basic or in the body)');
  if (
    credentials.id !== DEMO_INTEGRATOR_ID ||
    !sameSecret(credentials.secret, demoIntegratorSecret(jwtSecret))
  )
    return oauthError(401, 'invalid_client', 'Unknown client or wrong secret');
  const requested = fields.scope?.split(' ').filter(Boolean) ?? scopes.map((scope) => `helpdesk/${scope}`);
  const granted = scopes.filter((scope) => requested.includes(`helpdesk/${scope}`));
  if (!granted.length)
    return oauthError(
      400,
      'invalid_scope',
      `Ask for ${scopes.map((scope) => `helpdesk/${scope}`).join(' or ')}`,
    );
  return json(200, {
    access_token: await issueIntegratorToken(jwtSecret, credentials.id, [...granted]),
    token_type: 'Bearer',
    expires_in: TOKEN_TTL_SECONDS,
    scope: granted.map((scope) => `helpdesk/${scope}`).join(' '),
  });
});
