import type { AccountCheck } from '#identity/account-status.js';

/**
 * The account check every route runs on a user token (./route.ts), provided by the function's
 * wiring at module load (functions/wiring/account-check.ts): one per container, the first wins.
 */
let provided: AccountCheck | undefined;

export const provideAccountCheck = (check: AccountCheck): void => {
  provided ??= check;
};

/** The container's account check; a route whose wiring provides none fails rather than let a caller through unchecked. */
export const accountCheck = (): AccountCheck => {
  if (!provided)
    throw new Error(
      'No account check: the wiring of a route that serves signed-in people must call checkAccountsIn (functions/wiring/account-check.ts)',
    );
  return provided;
};
