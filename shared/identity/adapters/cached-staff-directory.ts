import type { Clock } from '#platform/ports.js';
import { ttlCache } from '#platform/ttl-cache.js';
import { deactivations } from '../account-status.js';
import type { User, UserDirectory } from '../user.js';

/** How long a container reuses a staff list for mail recipients. */
export const STAFF_LIST_CACHE_MS = 30_000;

/**
 * The user directory with staff lists (`listByRole`) kept for a short while: every reminder to
 * a queue and every escalation reads them, and they change rarely. Single reads pass through.
 */
export const withCachedStaffLists = (
  users: UserDirectory,
  clock: Clock,
  ttlMs = STAFF_LIST_CACHE_MS,
): UserDirectory => {
  const lists = ttlCache<User[]>(clock, ttlMs);
  return {
    getById: (id) => users.getById(id),
    findByEmail: (email) => users.findByEmail(email),
    put: (user) => users.put(user),
    // A deactivation made in this process is a new key: the list is read again at once.
    listByRole: (role, limit) =>
      lists(`${deactivations()}/${role}/${limit}`, () => users.listByRole(role, limit)),
  };
};
