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

/** Bumped by a deactivation made in this process: every check here then reads its people again. */
let generation = 0;

/**
 * An account was deactivated in this process: the checks here forget the active answers they
 * kept (and any read already under way), so its next request is refused at once. In the cloud the
 * account routes run in their own function, so other containers take up to `ttlMs`; under
 * `npm start` (one process) a deactivation applies to the very next request.
 */
export const accountDeactivated = (): void => {
  generation++;
};

/** How many deactivations this process made: a cache of people keyed by it reads them again after one. */
export const deactivations = (): number => generation;

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
  /** Until when an active answer holds, and the generation it was read in. */
  const activeUntil = new Map<string, { until: number; generation: number }>();
  const reading = new Map<string, { generation: number; active: Promise<boolean> }>();
  const read = (userId: string): Promise<boolean> => {
    const pending = reading.get(userId);
    // A read that started before a deactivation may answer from before it: never join it.
    if (pending?.generation === generation) return pending.active;
    const started = generation;
    const active = users
      .getById(userId)
      .then((user) => user !== null && user.active !== false)
      .finally(() => {
        if (reading.get(userId)?.active === active) reading.delete(userId);
      });
    reading.set(userId, { generation: started, active });
    return active;
  };
  return async (userId) => {
    const kept = activeUntil.get(userId);
    if (kept?.generation === generation && clock.now().getTime() < kept.until) return true;
    activeUntil.delete(userId);
    const started = generation;
    const active = await read(userId);
    if (active && ttlMs > 0 && started === generation) {
      activeUntil.set(userId, { until: clock.now().getTime() + ttlMs, generation });
      if (activeUntil.size > MAX_REMEMBERED) {
        const oldest = activeUntil.keys().next().value;
        if (oldest !== undefined) activeUntil.delete(oldest);
      }
    }
    return active;
  };
};
