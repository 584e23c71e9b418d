/**
 * The table's change stream, as the product's consumers see it (docs/change-events.md). Cloud:
 * DynamoDB Streams (NEW_AND_OLD_IMAGES) → one Lambda event source mapping per consumer, with
 * the consumer's filter patterns. Local: local/stream-poller.ts reads DynamoDB Local's Streams
 * API and hands the same handlers the same batches. Either way a consumer handles one
 * `StreamChange` at a time (./adapters/stream-consumer.ts decodes the records).
 */

/** One item write, decoded: images are plain objects (unmarshalled). */
export interface StreamChange {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** The record's position in its shard; what a partial batch failure names. */
  sequence: string;
  /** The item after the write (null for a removal). */
  newImage: Record<string, unknown> | null;
  /** The item before the write (null for an insert). */
  oldImage: Record<string, unknown> | null;
}

/**
 * An event filter pattern, the subset of Lambda's filter rule syntax the product uses
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html): nested
 * objects whose leaves are arrays of accepted values, matched against the raw record (images
 * in DynamoDB JSON, so `{ dynamodb: { NewImage: { entity: { S: ['event'] } } } }`). A record
 * passes a consumer's filters when it matches any one pattern.
 */
export type FilterPattern = { [field: string]: FilterPattern | readonly (string | number | boolean)[] };

const matchesPattern = (pattern: FilterPattern, value: unknown): boolean =>
  Object.entries(pattern).every(([field, rule]) => {
    const actual = (value as Record<string, unknown> | null | undefined)?.[field];
    if (Array.isArray(rule)) return rule.includes(actual as never);
    return actual !== null && typeof actual === 'object' && matchesPattern(rule as FilterPattern, actual);
  });

/** What the event source mapping's filter criteria decide in the cloud, for the local poller. */
export const passesFilters = (patterns: readonly FilterPattern[], record: unknown): boolean =>
  patterns.length === 0 || patterns.some((pattern) => matchesPattern(pattern, record));

/** The pattern for inserts of items of one entity (`entity` attribute), optionally with more conditions on the new image. */
export const insertsOf = (entity: string, newImage: FilterPattern = {}): FilterPattern => ({
  eventName: ['INSERT'],
  dynamodb: { NewImage: { entity: { S: [entity] }, ...newImage } },
});
