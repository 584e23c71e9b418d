import { type Caller, isStaff } from '#identity/caller.js';
import { Forbidden, Invalid, PreconditionFailed } from '#platform/errors.js';
import { authorOf } from '#tickets/ticket.js';
import { calendarsOf } from '../configuration.js';
import { parsePolicyDocument } from '../policy.js';
import { ApplyTo } from '../policy-change.js';
import type { ApplyTo as ApplyToValue } from '../ports.js';
import type { SlaPolicyDeps, VersionedPolicies } from './get-sla-policies.js';

const MAX_ATTEMPTS = 3;

/** `applyTo` travels beside the list in the PUT body; the rest is the policy document. */
export const splitApplyTo = (body: unknown): { document: unknown; applyTo: ApplyToValue } => {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !('applyTo' in body))
    return { document: body, applyTo: 'new' };
  const { applyTo, ...document } = body as Record<string, unknown>;
  const parsed = ApplyTo.safeParse(applyTo);
  if (!parsed.success)
    throw new Invalid(
      "applyTo: is 'new' (open tickets keep their policy) or 'open' (they take the new list)",
      [{ path: 'applyTo', message: "applyTo: is 'new' or 'open'" }],
    );
  return { document, applyTo: parsed.data };
};

/**
 * Replaces the whole ordered list (admins only; the route says so too). With `ifMatch` a list
 * saved by someone else in the meantime is a 412; without it the change applies to the newest
 * list. Every save writes a change record with the actor and the list before and after. With
 * `applyTo: 'open'` the same transaction starts the re-application job; with `new` (the
 * default) open tickets keep the policy pinned on them.
 */
export const putSlaPolicies = async (
  deps: SlaPolicyDeps,
  caller: Caller,
  body: unknown,
  ifMatch?: number,
): Promise<VersionedPolicies & { applyTo: ApplyToValue }> => {
  if (!isStaff(caller) || caller.kind !== 'user' || caller.role !== 'admin')
    throw new Forbidden('Only admins change the SLA policies');
  const { document: input, applyTo } = splitApplyTo(body);
  for (let attempt = 1; ; attempt++) {
    const current = await deps.store.load();
    if (ifMatch !== undefined && ifMatch !== current.version) {
      throw new PreconditionFailed(
        `The SLA policies are at version ${current.version}, not ${ifMatch}: someone saved them since you read them. Reload and retry.`,
      );
    }
    const document = parsePolicyDocument(input, [...calendarsOf(current).keys()]);
    const at = deps.clock.now().toISOString();
    try {
      const version = await deps.store.savePolicies({
        policies: document.policies,
        previous: current.policies,
        applyTo,
        expectedVersion: current.version,
        actor: authorOf(caller),
        at,
      });
      deps.cache.remember({ ...current, policies: document.policies, version, updatedAt: at });
      return { policies: document.policies, version, applyTo };
    } catch (error) {
      if (error instanceof PreconditionFailed && ifMatch === undefined && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
};
