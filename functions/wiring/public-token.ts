import { jwksTokenVerifier } from '#identity/adapters/jwks-token-verifier.js';
import type { Caller } from '#identity/caller.js';
import { PublicTokenSettings, publicRouteCaller } from '#identity/public-route-token.js';
import { readSettings } from '#platform/config.js';

/** The issuer and audiences the cloud's JWT authorizer checks (infra sets them; unset locally). */
const settings = readSettings({ token: PublicTokenSettings });
const verifier = settings.token.issuer ? jwksTokenVerifier(settings.token.issuer) : null;

/** The caller of a public knowledge-base route, a staff token counting in the cloud too (docs/kb.md). */
export const publicCaller = (given: Caller | null, headers: Record<string, string | undefined>) =>
  publicRouteCaller(given, headers.authorization, verifier, settings.token.audiences);
