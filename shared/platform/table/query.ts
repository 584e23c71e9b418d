import type { QuerySpec } from './model.js';

/**
 * The Query parameters of a named access pattern from the model module: index, key
 * condition, and order. Adapters add their own filters, limits and start keys.
 */
export const keyCondition = (spec: QuerySpec) => ({
  ...(spec.index ? { IndexName: spec.index } : {}),
  KeyConditionExpression: spec.skPrefix ? '#pk = :pk AND begins_with(#sk, :sk)' : '#pk = :pk',
  ExpressionAttributeNames: {
    '#pk': spec.index ? `${spec.index}pk` : 'pk',
    ...(spec.skPrefix ? { '#sk': spec.index ? `${spec.index}sk` : 'sk' } : {}),
  },
  ExpressionAttributeValues: { ':pk': spec.pk, ...(spec.skPrefix ? { ':sk': spec.skPrefix } : {}) } as Record<
    string,
    unknown
  >,
  ScanIndexForward: spec.descending === false,
});
