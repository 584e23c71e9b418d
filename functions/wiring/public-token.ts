import { jwksTokenVerifier } from '#identity/adapters/jwks-token-verifier.js';
import type { Caller } from '#identity/caller.js';
import { PublicTokenSettings, publicRouteCaller } from '#identity/public-route-token.js';
import { readSettings } from '#platform/config.js';
import { accountCheck } from '../http/account-check.js';

/** The issuer and audiences the cloud's JWT authorizer checks (infra sets them; unset locally). */
const settings = readSettings({ token: PublicTokenSettings });
const verifier = settings.token.issuer ? jwksTokenVerifier(settings.token.issuer) : null;

/**
 * The caller of a public knowledge-base route, a staff token counting in the cloud too (docs/kb.md).
 * A deactivated person's token reads as no token: the public articles only (docs/admin.md).
 */
export const publicCaller = async (
  given: Caller | null,
  headers: Record<string, string | undefined>,
): Promise<Caller | null> => {
  const caller = await publicRouteCaller(given, headers.authorization, verifier, settings.token.audiences);
  return caller?.kind === 'user' && !(await accountCheck()(caller.id)) ? null : caller;
};
