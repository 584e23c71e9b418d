import { Conflict, Forbidden, Invalid, NotFound, PreconditionFailed } from '#platform/errors.js';
import type { Clock, IdGenerator } from '#platform/ports.js';
import type { Account, AccountPatch, AccountStore, Invitation, Invitations, Teams } from '../account.js';
import { DEFAULT_CAPACITY } from '../account.js';
import { accountDeactivated } from '../account-status.js';
import { auditActor } from '../audit.js';
import type { Caller, Role } from '../caller.js';
import type { OrganisationDirectory } from '../organisation.js';

export interface AccountDeps {
  accounts: AccountStore;
  organisations: OrganisationDirectory;
  teams: Teams;
  clock: Clock;
  /** The sign-in (Cognito in the cloud) each invitation creates and each change follows. */
  invitations: Invitations;
}

/** What a lead may change, and only on the members of the queues they lead. */
const leadFields: readonly string[] = ['skills', 'capacity'];

const staffRole = (role: Role) => role !== 'client';

/** A client belongs to an existing organisation; staff to none. Each broken rule names its field. */
const checkMembership = async (deps: AccountDeps, role: Role, orgId: string | null): Promise<void> => {
  if (staffRole(role)) {
    if (orgId !== null)
      throw new Invalid('Staff belong to no organisation', [
        { path: 'orgId', message: 'Send null for staff' },
      ]);
    return;
  }
  if (orgId === null)
    throw new Invalid('A client belongs to an organisation', [
      { path: 'orgId', message: 'Required for a client' },
    ]);
  if (!(await deps.organisations.get(orgId)))
    throw new Invalid(`There is no organisation '${orgId}'`, [
      { path: 'orgId', message: 'Unknown organisation' },
    ]);
};

/**
 * `PATCH /users/{id}` at the version the caller read (If-Match), audited before → after. Admins
 * change any field (not their own role or active flag: an admin never locks themselves out);
 * leads change skills and capacity of the members of queues they lead (member of, or escalated to).
 */
export const updateAccount = async (
  deps: AccountDeps,
  caller: Caller,
  id: string,
  patch: AccountPatch,
  ifMatch: number | undefined,
): Promise<Account> => {
  if (caller.kind !== 'user') throw new Forbidden('Only people administer accounts');
  const current = await deps.accounts.get(id);
  if (!current) throw new NotFound(`There is no user '${id}'`);
  if (caller.role === 'lead') {
    const refused = Object.keys(patch).filter((field) => !leadFields.includes(field));
    if (refused.length)
      throw new Forbidden(
        `Leads change only skills and capacity, not: ${refused.join(', ')}`,
        refused.map((field) => ({ path: field, message: 'Admins only' })),
      );
    if (!(await deps.teams.membersLedBy(caller.id)).has(id))
      throw new Forbidden(`${current.name} is not a member of a queue you lead`);
  } else if (caller.role !== 'admin') {
    throw new Forbidden('Admins and leads only');
  }
  if (id === caller.id && (patch.role !== undefined || patch.active === false)) {
    const field = patch.role !== undefined ? 'role' : 'active';
    throw new Invalid('You cannot change your own role or deactivate yourself', [
      { path: field, message: 'Ask another admin' },
    ]);
  }
  if (ifMatch !== undefined && ifMatch !== current.version)
    throw new PreconditionFailed(
      `The account is at version ${current.version}, not ${ifMatch}: reload and retry`,
    );
  const role = patch.role ?? current.role;
  // A client made staff leaves their organisation unless the patch says otherwise.
  const orgId =
    patch.orgId !== undefined
      ? patch.orgId
      : staffRole(role) && !staffRole(current.role)
        ? null
        : current.orgId;
  if (patch.role !== undefined || patch.orgId !== undefined) await checkMembership(deps, role, orgId);
  const at = deps.clock.now().toISOString();
  const after: Account = {
    ...current,
    role,
    orgId,
    ...(patch.skills !== undefined ? { skills: patch.skills } : {}),
    ...(patch.capacity !== undefined ? { capacity: patch.capacity } : {}),
    ...(patch.language !== undefined ? { locale: patch.language } : {}),
    ...(patch.timeZone !== undefined ? { timeZone: patch.timeZone } : {}),
    ...(patch.active !== undefined ? { active: patch.active } : {}),
    version: current.version + 1,
  };
  await deps.accounts.update(after, current.version, {
    actor: auditActor(caller),
    at,
    before: current,
    after,
  });
  // The routes of this process stop trusting the person at once (elsewhere within the minute).
  if (current.active !== false && after.active === false) accountDeactivated();
  // After the store accepted the version: a refused (stale) change never reaches the sign-in.
  await deps.invitations.changed(current, after);
  return after;
};

/**
 * `POST /users` (admins): the invitation (Cognito's mail in the cloud, a set-password mail
 * locally), then the account under the id the person signs in with, audited. One account per
 * e-mail address. The sign-in comes first because Cognito assigns the id (`sub`); should storing
 * fail after it, the person's first sign-in still creates their profile (functions/identity/sync-profile.ts).
 */
export const inviteUser = async (
  deps: AccountDeps & { ids: IdGenerator },
  caller: Caller,
  body: Invitation,
): Promise<Account> => {
  const orgId = body.orgId ?? null;
  await checkMembership(deps, body.role, orgId);
  if (await deps.accounts.findByEmail(body.email))
    throw new Conflict(`There is an account for ${body.email} already`, [
      { path: 'email', message: 'Taken: edit that account instead' },
    ]);
  const draft: Account = {
    id: `user-${deps.ids.next().toLowerCase()}`,
    email: body.email.toLowerCase(),
    name: body.name,
    role: body.role,
    orgId,
    locale: body.language,
    timeZone: body.timeZone,
    skills: body.skills ?? [],
    capacity: body.capacity ?? DEFAULT_CAPACITY,
    active: true,
    version: 1,
  };
  const account: Account = { ...draft, id: await deps.invitations.invite(draft) };
  const at = deps.clock.now().toISOString();
  await deps.accounts.create(account, { actor: auditActor(caller), at, before: null, after: account });
  return account;
};
