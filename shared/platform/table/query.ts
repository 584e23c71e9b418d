import { indexKeyNames, PARTITION_KEY, type QuerySpec, SORT_KEY } from './key.js';

/**
 * The Query parameters of a named access pattern from an entity module: index, key
 * condition, and order. Adapters add their own filters, limits and start keys.
 */
export const keyCondition = (spec: QuerySpec) => {
  const names = spec.index ? indexKeyNames(spec.index) : { partitionKey: PARTITION_KEY, sortKey: SORT_KEY };
  return {
    ...(spec.index ? { IndexName: spec.index } : {}),
    KeyConditionExpression: spec.skPrefix ? '#pk = :pk AND begins_with(#sk, :sk)' : '#pk = :pk',
    ExpressionAttributeNames: {
      '#pk': names.partitionKey,
      ...(spec.skPrefix ? { '#sk': names.sortKey } : {}),
    } as Record<string, string>,
    ExpressionAttributeValues: {
      ':pk': spec.pk,
      ...(spec.skPrefix ? { ':sk': spec.skPrefix } : {}),
    } as Record<string, unknown>,
    ScanIndexForward: spec.descending === false,
  };
};
