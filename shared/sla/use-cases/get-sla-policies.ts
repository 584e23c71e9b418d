import type { Clock } from '#platform/ports.js';
import type { SlaConfigCache } from '../configuration.js';
import type { SlaPolicy } from '../policy.js';
import type { SlaConfigStore } from '../ports.js';
export interface SlaPolicyDeps {
  store: SlaConfigStore;
  cache: SlaConfigCache;
  clock: Clock;
}

export interface VersionedPolicies {
  policies: SlaPolicy[];
  version: number;
}

/** The ordered policies as stored now (never from a cache: the ETag must be exact). */
export const getSlaPolicies = async (deps: SlaPolicyDeps): Promise<VersionedPolicies> => {
  const config = await deps.store.load();
  deps.cache.remember(config);
  return { policies: config.policies, version: config.version };
};
