import { Forbidden } from '#platform/errors.js';
import { listAccounts } from '#queues/use-cases/workload.js';
import { json, route, signedIn } from '../http/route.js';
import { accounts, roster } from '../wiring/api.js';
import { type UserList, UsersQuery } from './schemas.js';

/**
 * The directory by role, with each person's capacity used (the lead's workload view). Staff see
 * agents, leads and admins (for assignment and transfer); only admins list a role's clients.
 */
export const handler = route({ action: 'users:list', query: UsersQuery }, async ({ caller, query }) => {
  const me = signedIn(caller);
  if (query.role === 'client' && !(me.kind === 'user' && me.role === 'admin'))
    throw new Forbidden('Only admins list clients');
  return json(200, { items: await listAccounts({ accounts, roster }, query.role) } satisfies UserList);
});
