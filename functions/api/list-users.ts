import * as z from 'zod';
import { Role } from '../../shared/auth/caller.js';
import { users } from './commons/deps.js';
import { json, route } from './commons/http.js';

const UsersQuery = z.strictObject({ role: Role.exclude(['client']).default('agent') });

/** Staff directory for assignment and transfer (agents see agents, leads and admins; never clients). */
export const handler = route({ action: 'users:list', query: UsersQuery }, async ({ query }) =>
  json(200, { items: await users.listByRole(query.role, 100) }),
);
