/**
 * Cognito Hosted UI sign-in with the authorization code flow and PKCE (RFC 7636): the portal
 * is a public client, so it proves possession with a per-attempt verifier instead of a secret.
 */
export interface CognitoSettings {
  domain: string;
  region?: string;
  clientId: string;
}

const base64Url = (bytes: Uint8Array): string => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

export const randomToken = (bytes = 32): string => base64Url(crypto.getRandomValues(new Uint8Array(bytes)));

export const codeChallenge = async (verifier: string): Promise<string> =>
  base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));

/** The Hosted UI origin: a full domain (custom or `*.amazoncognito.com`) or just the domain prefix. */
export const hostedUiOrigin = ({ domain, region }: CognitoSettings): string => {
  const bare = domain.replace(/^https?:\/\//, '').replace(/\/$/, '');
  if (bare.includes('.')) return `https://${bare}`;
  if (!region) throw new Error('config.json: a Cognito domain prefix needs the region');
  return `https://${bare}.auth.${region}.amazoncognito.com`;
};

export const authorizeUrl = (
  settings: CognitoSettings,
  redirectUri: string,
  state: string,
  challenge: string,
): string => {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${hostedUiOrigin(settings)}/oauth2/authorize?${params}`;
};

export const tokenRequestBody = (
  settings: CognitoSettings,
  code: string,
  redirectUri: string,
  verifier: string,
): URLSearchParams =>
  new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: settings.clientId,
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });

export const logoutUrl = (settings: CognitoSettings, logoutUri: string): string =>
  `${hostedUiOrigin(settings)}/logout?${new URLSearchParams({ client_id: settings.clientId, logout_uri: logoutUri })}`;
