import { type Caller, isStaff } from '#identity/caller.js';
import { Forbidden, PreconditionFailed } from '#platform/errors.js';
import type { Clock } from '#platform/ports.js';
import { authorOf } from '#tickets/ticket.js';
import type { RuleStore, VersionedRules } from '../ports.js';
import { parseRuleDocument } from '../rule.js';
import type { RulesCache } from '../rules-cache.js';

export interface RuleAdminDeps {
  store: RuleStore;
  cache: RulesCache;
  clock: Clock;
}

const MAX_ATTEMPTS = 3;

export const assertAdmin = (caller: Caller): void => {
  if (!isStaff(caller) || caller.kind !== 'user' || caller.role !== 'admin')
    throw new Forbidden('Only admins change the automation rules');
};

/** The ordered rules as stored now (never from a cache: the ETag must be exact). */
export const getRules = async (deps: RuleAdminDeps): Promise<VersionedRules> => deps.store.load();

/**
 * Replaces the whole ordered list (admins). With `ifMatch` a list saved by someone else
 * meanwhile is a 412; without it the change applies to the newest list. Every save writes an
 * audit record: who, when, before → after.
 */
export const putRules = async (
  deps: RuleAdminDeps,
  caller: Caller,
  body: unknown,
  ifMatch?: number,
): Promise<VersionedRules> => {
  assertAdmin(caller);
  const document = parseRuleDocument(body);
  for (let attempt = 1; ; attempt++) {
    const current = await deps.store.load();
    if (ifMatch !== undefined && ifMatch !== current.version)
      throw new PreconditionFailed(
        `The automation rules are at version ${current.version}, not ${ifMatch}: someone saved them since you read them. Reload and retry.`,
      );
    try {
      const version = await deps.store.save({
        rules: document.rules,
        previous: current.rules,
        expectedVersion: current.version,
        actor: authorOf(caller),
        at: deps.clock.now().toISOString(),
      });
      const saved = { rules: document.rules, version };
      deps.cache.remember(saved);
      return saved;
    } catch (error) {
      if (error instanceof PreconditionFailed && ifMatch === undefined && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
};
