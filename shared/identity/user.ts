import * as z from 'zod';
import { Role } from './role.js';

export const User = /* @__PURE__ */ z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
  orgId: z.string().nullable(),
  locale: z.string().default('en'),
  timeZone: z.string().default('UTC'),
});
export type User = z.infer<typeof User>;

export const PublicUser = /* @__PURE__ */ User.meta({ id: 'User' });

export interface StoredUser extends User {
  /** Only for the local token issuer; in the cloud Cognito holds credentials. */
  passwordHash?: string;
  /** False when an admin deactivated the account: it signs in no more. */
  active?: boolean;
}

export interface UserDirectory {
  getById(id: string): Promise<StoredUser | null>;
  findByEmail(email: string): Promise<StoredUser | null>;
  /** The role's people who hear of tickets: deactivated accounts are left out. */
  listByRole(role: User['role'], limit: number): Promise<User[]>;
  put(user: StoredUser): Promise<void>;
}
