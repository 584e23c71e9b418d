import { indexKeyNames, PARTITION_KEY, type QuerySpec, SORT_KEY } from './key.js';

/**
 * The Query parameters of a named access pattern from an entity module: index, key
 * condition, and order. Adapters add their own filters, limits and start keys.
 */
export const keyCondition = (spec: QuerySpec) => {
  const names = spec.index ? indexKeyNames(spec.index) : { partitionKey: PARTITION_KEY, sortKey: SORT_KEY };
  const sortCondition = spec.skBetween
    ? ' AND #sk BETWEEN :skFrom AND :skTo'
    : spec.skPrefix
      ? ' AND begins_with(#sk, :sk)'
      : '';
  return {
    ...(spec.index ? { IndexName: spec.index } : {}),
    KeyConditionExpression: `#pk = :pk${sortCondition}`,
    ExpressionAttributeNames: {
      '#pk': names.partitionKey,
      ...(sortCondition ? { '#sk': names.sortKey } : {}),
    } as Record<string, string>,
    ExpressionAttributeValues: {
      ':pk': spec.pk,
      ...(spec.skBetween
        ? { ':skFrom': spec.skBetween.from, ':skTo': spec.skBetween.to }
        : spec.skPrefix
          ? { ':sk': spec.skPrefix }
          : {}),
    } as Record<string, unknown>,
    ScanIndexForward: spec.descending === false,
  };
};
