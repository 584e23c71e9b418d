import { DynamoRuleStore } from '#automation/adapters/dynamodb-rule-store.js';
import type { RuleLookups } from '#automation/evaluate.js';
import { type AutomationDeps, automationHooks } from '#automation/hooks.js';
import { RulesCache } from '#automation/rules-cache.js';
import type { RuleAdminDeps } from '#automation/use-cases/manage-rules.js';
import { logger } from '#platform/logger.js';
import type { TicketHooks } from '#tickets/use-cases/deps.js';
import type { TableAdapters } from './tables.js';

/**
 * Automation over the table (docs/automation.md): the rule store and its per-container cache,
 * the look-ups a rule needs (a staff member to assign, a queue to move to), the hooks that run
 * the rules inside a ticket change. The same look-ups serve the test endpoint.
 */
const caches = new Map<string, { store: DynamoRuleStore; cache: RulesCache }>();

export const automationOf = (adapters: TableAdapters) => {
  // One cache per table and process: where the admin routes and the ticket routes share a
  // process (npm start), a saved list applies to the next change at once.
  let shared = caches.get(adapters.tableName);
  if (!shared) {
    const store = new DynamoRuleStore(adapters.db, adapters.tableName);
    shared = { store, cache: new RulesCache(store, adapters.clock) };
    caches.set(adapters.tableName, shared);
  }
  const { store, cache } = shared;
  const lookups: RuleLookups = {
    assignee: async (userId) => {
      const user = await adapters.users.getById(userId);
      return user && user.role !== 'client' ? { id: user.id, email: user.email, name: user.name } : null;
    },
    queueExists: (queue) => adapters.store.queueExists(queue),
  };
  const admin: RuleAdminDeps & { lookups: RuleLookups } = { store, cache, clock: adapters.clock, lookups };
  const deps: AutomationDeps = { rules: cache, lookups, ids: adapters.ids, log: logger };
  return { admin, deps, hooks: (): TicketHooks => automationHooks(deps) };
};
