import * as z from 'zod';
import { scopes } from '#identity/caller.js';
import { Role } from '#identity/role.js';
import { PublicUser, User } from '#identity/user.js';

/** The identity routes' contracts: the handlers answer with these shapes, the OpenAPI document and the portal read them. */

/** `GET /me` for a user: the profile, with the time zone deadlines are shown in. */
export const UserProfile = User.meta({ id: 'UserProfile' });
export type UserProfile = z.infer<typeof UserProfile>;

export const IntegratorProfile = z
  .object({ id: z.string(), role: z.literal('integrator'), scopes: z.array(z.enum(scopes)) })
  .meta({ id: 'IntegratorProfile' });

export const MeResponse = z.union([UserProfile, IntegratorProfile]).meta({ id: 'Me' });
export type MeResponse = z.infer<typeof MeResponse>;

/** `GET /users`: the staff directory, never clients. */
export const UsersQuery = z.strictObject({ role: Role.exclude(['client']).default('agent') });

export const UserList = z.object({ items: z.array(PublicUser) }).meta({ id: 'UserList' });
export type UserList = z.infer<typeof UserList>;
