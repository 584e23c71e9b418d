import type { Me, RuntimeConfig } from '../api/types.js';
import { tokenExpiry } from './jwt.js';
import {
  authorizeUrl,
  type CognitoSettings,
  codeChallenge,
  hostedUiOrigin,
  logoutUrl,
  randomToken,
  tokenRequestBody,
} from './pkce.js';

export interface Session {
  token: string;
  user: Me;
  expiresAt: number | null;
}

const SESSION_KEY = 'helpdesk.session';
const PKCE_KEY = 'helpdesk.pkce';
export const CALLBACK_PATH = '/auth/callback';

const isSession = (value: unknown): value is Session =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Session).token === 'string' &&
  typeof (value as Session).user === 'object' &&
  (value as Session).user !== null;

/** The stored session, unless it is missing, unreadable or expired. */
export const readSession = (now = Date.now()): Session | null => {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null');
    if (!isSession(parsed)) return null;
    if (parsed.expiresAt !== null && parsed.expiresAt <= now) {
      localStorage.removeItem(SESSION_KEY);
      return null;
    }
    return parsed;
  } catch {
    return null;
  }
};

export const saveSession = (token: string, user: Me): Session => {
  const session = { token, user, expiresAt: tokenExpiry(token) };
  localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  return session;
};

export const clearSession = (): void => localStorage.removeItem(SESSION_KEY);

const cognito = (config: RuntimeConfig): CognitoSettings => {
  if (!config.clientId || !config.domain) throw new Error('Cognito is not configured');
  return { clientId: config.clientId, domain: config.domain, region: config.region };
};

const redirectUri = () => `${location.origin}${CALLBACK_PATH}`;

/** Sends the browser to the Hosted UI; the verifier and state wait in sessionStorage for the callback. */
export const startCognitoSignIn = async (config: RuntimeConfig, returnTo: string): Promise<void> => {
  const verifier = randomToken(48);
  const state = randomToken(16);
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, returnTo }));
  location.assign(authorizeUrl(cognito(config), redirectUri(), state, await codeChallenge(verifier)));
};

/**
 * Completes the Hosted UI redirect: checks the state, trades the code and verifier for tokens.
 * The ID token is the bearer token, because it carries `cognito:groups` and `custom:orgId`.
 */
export const completeCognitoSignIn = async (
  config: RuntimeConfig,
  search: string,
): Promise<{ idToken: string; returnTo: string }> => {
  const params = new URLSearchParams(search);
  const stored: unknown = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? 'null');
  sessionStorage.removeItem(PKCE_KEY);
  const error = params.get('error_description') ?? params.get('error');
  if (error) throw new Error(error);
  const code = params.get('code');
  if (
    !code ||
    typeof stored !== 'object' ||
    stored === null ||
    (stored as { state?: unknown }).state !== params.get('state')
  )
    throw new Error('The sign-in response does not match the sign-in request. Please sign in again.');
  const { verifier, returnTo } = stored as { verifier: string; returnTo?: string };
  const settings = cognito(config);
  const response = await fetch(`${hostedUiOrigin(settings)}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: tokenRequestBody(settings, code, redirectUri(), verifier),
  });
  const body: unknown = await response.json().catch(() => null);
  const idToken = (body as { id_token?: unknown } | null)?.id_token;
  if (!response.ok || typeof idToken !== 'string') throw new Error('The sign-in could not be completed.');
  return { idToken, returnTo: returnTo?.startsWith('/') ? returnTo : '/' };
};

export const cognitoSignOutUrl = (config: RuntimeConfig): string =>
  logoutUrl(cognito(config), `${location.origin}/`);
