import { envelope, joinKey, type Key } from './key.js';

/**
 * An idempotency record: `IDEMPOTENCY#<scope>#<key>` / `IDEMPOTENCY`. It expires through the
 * table's TTL attribute.
 */
const IDEMPOTENCY = 'IDEMPOTENCY';

const key = (scope: string, idempotencyKey: string): Key => ({
  pk: joinKey(IDEMPOTENCY, scope, idempotencyKey),
  sk: IDEMPOTENCY,
});

const ENTITY = 'idempotency';

export const idempotencyEntity = {
  name: ENTITY,
  key,
  item: (scope: string, idempotencyKey: string) => envelope(ENTITY, key(scope, idempotencyKey)),
};
