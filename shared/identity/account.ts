import * as z from 'zod';
import type { AuditEntry } from './audit.js';
import { Role } from './role.js';
import { type StoredUser, User } from './user.js';

/**
 * A person's account as administered (docs/admin.md): the profile, plus what routing weighs
 * (skills, capacity) and whether they may sign in at all (`active`). Accounts stored before
 * administration existed read with the defaults.
 */
export const DEFAULT_CAPACITY = 10;
export const MAX_CAPACITY = 200;
export const languages = ['en', 'de', 'pl', 'et'] as const;

export const Account = /* @__PURE__ */ User.extend({
  skills: z.array(z.string()).default([]),
  capacity: z.int().default(DEFAULT_CAPACITY),
  active: z.boolean().default(true),
  version: z.int().default(1),
});
export type Account = z.infer<typeof Account>;

/** An account as `GET /users` shows it: with routing's view of the person (staff only). */
export const AccountView = /* @__PURE__ */ Account.extend({
  available: z.boolean().meta({ description: 'Takes tickets now (PUT /me/availability)' }),
  openAssigned: z.int().meta({ description: 'Open tickets assigned to them: capacity used' }),
}).meta({ id: 'Account' });
export type AccountView = z.infer<typeof AccountView>;

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const TimeZone = /* @__PURE__ */ z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, 'Not an IANA time zone, e.g. Europe/Tallinn');
export const Language = /* @__PURE__ */ z.enum(languages);
const Skill = /* @__PURE__ */ z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}_.:-]{1,40}$/u, 'A skill is one word of at most 40 letters, digits, _ . : -');
const OrgRef = /* @__PURE__ */ z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'An organisation id is 1–40 lowercase letters, digits, - or _');

/** `PATCH /users/{id}`: admins change any field; leads only skills and capacity of their queues' members. */
export const AccountPatch = /* @__PURE__ */ z
  .strictObject({
    role: Role,
    orgId: OrgRef.nullable(),
    skills: z
      .array(Skill)
      .max(30, 'At most 30 skills')
      .refine((skills) => new Set(skills).size === skills.length, 'A skill is listed twice'),
    capacity: z
      .int('capacity is a whole number')
      .min(0)
      .max(MAX_CAPACITY, `capacity is at most ${MAX_CAPACITY}`),
    language: Language,
    timeZone: TimeZone,
    active: z.boolean(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Give at least one field to change' })
  .meta({ id: 'UserPatch' });
export type AccountPatch = z.infer<typeof AccountPatch>;

/** `POST /users`: an invitation; the person sets their password from the mail it sends. */
export const Invitation = /* @__PURE__ */ z
  .strictObject({
    email: z.email().max(254),
    name: z.string().trim().min(1).max(100),
    role: Role,
    orgId: OrgRef.nullable().optional(),
    language: Language.default('en'),
    timeZone: TimeZone.default('UTC'),
    skills: z.array(Skill).max(30).optional(),
    capacity: z.int().min(0).max(MAX_CAPACITY).optional(),
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof Invitation>;

export const UserPathParams = /* @__PURE__ */ z.strictObject({ id: z.string().min(1).max(128) });

/** Accounts as administration reads and writes them; each write lands with its audit record. */
export interface AccountStore {
  get(id: string): Promise<Account | null>;
  /** Everyone of the role, by e-mail, at most `limit`. */
  listByRole(role: Role, limit: number): Promise<Account[]>;
  findByEmail(email: string): Promise<StoredUser | null>;
  /** Conflict when the id is taken. */
  create(account: Account, audit: AuditEntry<Account>): Promise<void>;
  /** NotFound / PreconditionFailed (another version). */
  update(account: Account, expectedVersion: number, audit: AuditEntry<Account>): Promise<void>;
}

/**
 * The people's sign-in, kept in step with their accounts: in the cloud Cognito (AdminCreateUser
 * mails a temporary password; the role is the user's group, the organisation `custom:orgId`);
 * locally a set-password link is mailed (local/invitations.ts) and the table is the directory.
 */
export interface Invitations {
  /**
   * Creates the sign-in and tells the person how to sign in. Answers the id the person signs in
   * under, which the account is stored with (Cognito's `sub`; locally the account's own id), so
   * the token's subject and the account are one person.
   */
  invite(account: Account): Promise<string>;
  /** Mirrors an account change into the sign-in: role, organisation, profile, deactivation. */
  changed(before: Account, after: Account): Promise<void>;
}

/** Who a lead leads: the members of the queues the lead is a member of or escalated to. */
export interface Teams {
  membersLedBy(leadId: string): Promise<ReadonlySet<string>>;
}
