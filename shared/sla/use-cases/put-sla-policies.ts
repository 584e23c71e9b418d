import { type Caller, isStaff } from '#identity/caller.js';
import { Forbidden, PreconditionFailed } from '#platform/errors.js';
import { authorOf } from '#tickets/ticket.js';
import { calendarsOf } from '../configuration.js';
import { parsePolicyDocument } from '../policy.js';
import type { SlaPolicyDeps, VersionedPolicies } from './get-sla-policies.js';

const MAX_ATTEMPTS = 3;

/**
 * Replaces the whole ordered list (admins only; the route says so too). With `ifMatch` a list
 * saved by someone else in the meantime is a 412; without it the change applies to the newest
 * list. Every save writes a change record with the actor and the list before and after.
 */
export const putSlaPolicies = async (
  deps: SlaPolicyDeps,
  caller: Caller,
  body: unknown,
  ifMatch?: number,
): Promise<VersionedPolicies> => {
  if (!isStaff(caller) || caller.kind !== 'user' || caller.role !== 'admin')
    throw new Forbidden('Only admins change the SLA policies');
  for (let attempt = 1; ; attempt++) {
    const current = await deps.store.load();
    if (ifMatch !== undefined && ifMatch !== current.version) {
      throw new PreconditionFailed(
        `The SLA policies are at version ${current.version}, not ${ifMatch}: someone saved them since you read them. Reload and retry.`,
      );
    }
    const document = parsePolicyDocument(body, [...calendarsOf(current).keys()]);
    const at = deps.clock.now().toISOString();
    try {
      const version = await deps.store.savePolicies({
        policies: document.policies,
        previous: current.policies,
        expectedVersion: current.version,
        actor: authorOf(caller),
        at,
      });
      deps.cache.remember({ ...current, policies: document.policies, version, updatedAt: at });
      return { policies: document.policies, version };
    } catch (error) {
      if (error instanceof PreconditionFailed && ifMatch === undefined && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
};
