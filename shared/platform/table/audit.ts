import { envelope, ITEM_ABSENT, joinKey, type Key, prefixOf, type QuerySpec } from './key.js';

/**
 * The audit trail of administered configuration (queues, users, organisations): every saved
 * version leaves `AUDIT#<kind>#<id>` / `VERSION#<000042>` with who changed it, when, and the
 * state before and after, written in the same transaction as the change.
 */
const AUDIT = 'AUDIT';
const VERSION = 'VERSION';
const ENTITY = 'audit';

export type AuditedKind = 'QUEUE' | 'USER' | 'ORG';

const partition = (kind: AuditedKind, id: string) => joinKey(AUDIT, kind, id);
const key = (kind: AuditedKind, id: string, version: number): Key => ({
  pk: partition(kind, id),
  sk: joinKey(VERSION, String(version).padStart(6, '0')),
});

export const auditEntity = {
  name: ENTITY,
  key,
  item: (kind: AuditedKind, id: string, version: number) => envelope(ENTITY, key(kind, id, version)),
  queries: {
    /** Newest version first. */
    versions: (kind: AuditedKind, id: string): QuerySpec => ({
      pk: partition(kind, id),
      skPrefix: prefixOf(VERSION),
    }),
  },
};

/** The audit record of one saved version, as the Put of the change's transaction (never overwritten). */
export const auditPut = (
  tableName: string,
  kind: AuditedKind,
  id: string,
  version: number,
  entry: object,
) => ({
  Put: {
    TableName: tableName,
    Item: { ...auditEntity.item(kind, id, version), ...entry },
    ConditionExpression: ITEM_ABSENT,
  },
});
