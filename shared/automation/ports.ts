import type { Author } from '#tickets/schemas.js';
import type { Rule } from './rule.js';

export interface VersionedRules {
  rules: Rule[];
  /** The list's version, its ETag; 0 while none was ever saved (no rules). */
  version: number;
}

export interface RulesChange {
  rules: Rule[];
  previous: Rule[];
  expectedVersion: number;
  actor: Author;
  at: string;
}

export interface RuleStore {
  load(): Promise<VersionedRules>;
  /** Stores version `expectedVersion + 1` with its audit record (who, when, before → after), atomically; PreconditionFailed when the version moved. */
  save(change: RulesChange): Promise<number>;
}

/** Structured logging, as the functions' powertools logger offers it. */
export interface Log {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
}
