import type { Clock } from '#platform/ports.js';
import { ttlCache } from '#platform/ttl-cache.js';
import type { RuleStore, VersionedRules } from './ports.js';

/** How long a container trusts the rules it read: one read per container and period, not per change. */
export const RULES_CACHE_MS = 10_000;

/** The rule list, shared by a container's changes; a save in the container is seen at once. */
export class RulesCache {
  private cache: (key: string, load: () => Promise<VersionedRules>) => Promise<VersionedRules>;
  private saved: VersionedRules | null = null;

  constructor(
    private readonly store: RuleStore,
    clock: Clock,
    ttlMs = RULES_CACHE_MS,
  ) {
    this.cache = ttlCache<VersionedRules>(clock, ttlMs);
  }

  async get(): Promise<VersionedRules> {
    const loaded = await this.cache('rules', () => this.store.load());
    return this.saved && this.saved.version > loaded.version ? this.saved : loaded;
  }

  remember(value: VersionedRules): void {
    this.saved = value;
  }
}
