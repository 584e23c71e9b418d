import type { Clock } from '#platform/ports.js';

/**
 * How long a container trusts that an account it found active still is (docs/admin.md): a
 * deactivated person's tokens stop working within this time, at the cost of at most one GetItem
 * per person, container and period.
 */
export const ACCOUNT_CHECK_SECONDS = 60;

/** The most people one container remembers as active; past it, the oldest answer is dropped. */
const MAX_REMEMBERED = 5_000;

/** The env variable that sets how long a container trusts an account it found active; unset in the cloud. */
export const ACCOUNT_CHECK_SECONDS_ENV = 'ACCOUNT_CHECK_SECONDS';

/**
 * That period in milliseconds, read without the settings validator (zod) so that the light
 * functions' wiring can read it (`GET /me`): a whole number of seconds from 0 to 600, default 60
 * (the tests set 0 so that a deactivation applies to the next request).
 */
export const accountCheckTtlMs = (env: Record<string, string | undefined> = process.env): number => {
  const raw = env[ACCOUNT_CHECK_SECONDS_ENV];
  if (raw === undefined || raw === '') return ACCOUNT_CHECK_SECONDS * 1000;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 600)
    throw new Error(
      `Invalid configuration: ${ACCOUNT_CHECK_SECONDS_ENV} must be a whole number of seconds from 0 to 600: set it in the function configuration`,
    );
  return seconds * 1000;
};

/** Where the check reads an account: null when there is none; `active: false` when deactivated. */
export interface AccountReader {
  getById(userId: string): Promise<{ active?: boolean } | null>;
}

/** Whether the person a user token names may still use the API: their account exists and is active. */
export type AccountCheck = (userId: string) => Promise<boolean>;

/**
 * The account check over the user directory, per container: an active answer is kept for
 * `ttlMs` (0: every request reads), concurrent requests of one person share one read. An inactive
 * or missing account is never kept, so reactivating someone lets their next sign-in in at once.
 * A failed read fails the request (it never lets a caller through unchecked).
 */
export const activeAccountCheck = (
  users: AccountReader,
  clock: Clock,
  ttlMs = ACCOUNT_CHECK_SECONDS * 1000,
): AccountCheck => {
  const activeUntil = new Map<string, number>();
  const reading = new Map<string, Promise<boolean>>();
  const read = (userId: string): Promise<boolean> => {
    let pending = reading.get(userId);
    if (!pending) {
      pending = users
        .getById(userId)
        .then((user) => user !== null && user.active !== false)
        .finally(() => reading.delete(userId));
      reading.set(userId, pending);
    }
    return pending;
  };
  return async (userId) => {
    const until = activeUntil.get(userId);
    if (until !== undefined && clock.now().getTime() < until) return true;
    activeUntil.delete(userId);
    const active = await read(userId);
    if (active && ttlMs > 0) {
      activeUntil.set(userId, clock.now().getTime() + ttlMs);
      if (activeUntil.size > MAX_REMEMBERED) {
        const oldest = activeUntil.keys().next().value;
        if (oldest !== undefined) activeUntil.delete(oldest);
      }
    }
    return active;
  };
};
