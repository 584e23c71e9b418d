import type { Account, AccountStore, AccountView, Teams } from '#identity/account.js';
import type { Role } from '#identity/caller.js';
import type { Roster } from '../ports.js';
import type { QueueDefinitions } from './auto-assign.js';

/** A role's accounts listed at most this many at once (one Query, one BatchGetItem of their states). */
export const MAX_LISTED_ACCOUNTS = 100;

/**
 * `GET /users?role=`: the accounts of a role with routing's view of each (available, open
 * tickets assigned: the lead's workload view shows capacity used per agent).
 */
export const listAccounts = async (
  deps: { accounts: AccountStore; roster: Roster },
  role: Role,
): Promise<AccountView[]> => {
  const accounts = await deps.accounts.listByRole(role, MAX_LISTED_ACCOUNTS);
  const states = await deps.roster.states(accounts.map((account) => account.id));
  return accounts.map((account: Account) => ({
    ...account,
    available: states.get(account.id)?.available ?? true,
    openAssigned: states.get(account.id)?.openAssigned ?? 0,
  }));
};

/** Who a lead leads: everyone in the queues they are a member of or escalated to. */
export const teamsOf = (queues: QueueDefinitions): Teams => ({
  async membersLedBy(leadId) {
    const led = (await queues.all()).filter(
      (queue) => queue.members.includes(leadId) || queue.escalationTo.includes(leadId),
    );
    return new Set(led.flatMap((queue) => queue.members));
  },
});
