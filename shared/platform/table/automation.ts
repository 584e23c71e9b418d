import { CONFIGURATION_PARTITION } from './configuration-partition.js';
import { envelope, joinKey, type Key, prefixOf, type QuerySpec } from './key.js';

/**
 * Automation rules: `CONFIG` / `AUTOMATION_RULES` holds the ordered list and its version; every
 * saved version leaves an audit record `AUDIT#AUTOMATION_RULES` / `VERSION#<000042>` (who, when,
 * before → after), written in the same transaction.
 */
const RULES = 'AUTOMATION_RULES';
const AUDIT = 'AUDIT';
const VERSION = 'VERSION';
const RULES_ENTITY = 'automation-rules';
const RULES_CHANGE_ENTITY = 'automation-rules-change';

const rulesKey = (): Key => ({ pk: CONFIGURATION_PARTITION, sk: RULES });
const changesPartition = joinKey(AUDIT, RULES);
const changeKey = (version: number): Key => ({
  pk: changesPartition,
  sk: joinKey(VERSION, String(version).padStart(6, '0')),
});

export const automationRulesEntity = {
  name: RULES_ENTITY,
  key: rulesKey,
  item: () => envelope(RULES_ENTITY, rulesKey()),
};

export const automationRulesChangeEntity = {
  name: RULES_CHANGE_ENTITY,
  key: changeKey,
  item: (version: number) => envelope(RULES_CHANGE_ENTITY, changeKey(version)),
  /** Newest version first. */
  queries: { all: (): QuerySpec => ({ pk: changesPartition, skPrefix: prefixOf(VERSION) }) },
};
