import type { Clock } from '#platform/ports.js';
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
  const lists = new Map<string, { until: number; users: Promise<User[]> }>();
  return {
    getById: (id) => users.getById(id),
    findByEmail: (email) => users.findByEmail(email),
    put: (user) => users.put(user),
    listByRole: (role, limit) => {
      const key = `${role}/${limit}`;
      const now = clock.now().getTime();
      const cached = lists.get(key);
      if (cached && now < cached.until) return cached.users;
      const loading = users.listByRole(role, limit);
      lists.set(key, { until: now + ttlMs, users: loading });
      loading.catch(() => lists.delete(key));
      return loading;
    },
  };
};
