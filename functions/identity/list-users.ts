import { json, route } from '../http/route.js';
import { users } from '../wiring/api.js';
import { type UserList, UsersQuery } from './schemas.js';

/** Staff directory for assignment and transfer (agents see agents, leads and admins; never clients). */
export const handler = route({ action: 'users:list', query: UsersQuery }, async ({ query }) =>
  json(200, { items: await users.listByRole(query.role, 100) } satisfies UserList),
);
