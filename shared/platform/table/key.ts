/**
 * The physical vocabulary of the single table: key attribute names, the six overloaded GSIs,
 * the TTL attribute, the attribute naming an item's type, and the shapes every entity module
 * builds its keys and named queries with. Entity modules (ticket.ts, user.ts, …) are the only
 * places that put values into these attributes.
 */

export const PARTITION_KEY = 'pk';
export const SORT_KEY = 'sk';
/** Every item names its type here (`ticket`, `message`, `queue-counts`, …). */
export const ENTITY_ATTRIBUTE = 'entity';
export const TTL_ATTRIBUTE = 'expiresAt';

export const indexNames = ['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi5', 'gsi6'] as const;
export type IndexName = (typeof indexNames)[number];

/** The key attributes of a GSI: `gsi6` is keyed by `gsi6pk` / `gsi6sk`. */
export const indexKeyNames = <I extends IndexName>(index: I) => ({
  partitionKey: `${index}pk` as const,
  sortKey: `${index}sk` as const,
});

export interface Key {
  pk: string;
  sk: string;
}

/** The key attributes an item carries for one GSI. */
export const indexKey = (index: IndexName, partition: string, sort: string): Record<string, string> => {
  const names = indexKeyNames(index);
  return { [names.partitionKey]: partition, [names.sortKey]: sort };
};

/** A named query: which index (the table when absent), which partition, which sort-key prefix. */
export interface QuerySpec {
  index?: IndexName;
  pk: string;
  skPrefix?: string;
  /** Sort keys from `from` to `to`, both included (instead of a prefix). */
  skBetween?: { from: string; to: string };
  /** Newest first unless false. */
  descending?: boolean;
}

/** Key parts are joined with `#`, so a prefix query `A#` finds every `A#…`. */
export const joinKey = (...parts: (string | number)[]): string => parts.join('#');
export const prefixOf = (part: string): string => `${part}#`;

/** The attributes that make a stored item of an entity: its key and its type. */
export const envelope = (entity: string, key: Key): Record<string, string> => ({
  ...key,
  [ENTITY_ATTRIBUTE]: entity,
});

/** Conditions on whether an item exists: every item has a partition key. */
export const ITEM_ABSENT = `attribute_not_exists(${PARTITION_KEY})`;
export const ITEM_PRESENT = `attribute_exists(${PARTITION_KEY})`;
