import type { HealthProbe } from '../health.js';
import { PARTITION_KEY, SORT_KEY } from '../table/key.js';
import { signedDynamoCall } from './signed-dynamodb.js';

export interface TableProbeOptions {
  tableName: string;
  /** DynamoDB Local's endpoint; DynamoDB's regional endpoint when null. */
  endpoint: string | null;
  timeoutMs: number;
  /** Where the region and the credentials come from: Lambda's (or the local runtime's) environment. */
  env?: Record<string, string | undefined>;
}

/**
 * The table answers: one GetItem on a key nothing uses (the cheapest read the function's read
 * grant allows), aborted after `timeoutMs`, no retries, sent without the SDK (./signed-dynamodb.ts):
 * the health function then starts without loading the SDK (docs/performance.md).
 */
export const tableProbe = ({
  tableName,
  endpoint,
  timeoutMs,
  env = process.env,
}: TableProbeOptions): HealthProbe => {
  const call = signedDynamoCall({ endpoint, env });
  return async () => {
    await call(
      'GetItem',
      { TableName: tableName, Key: { [PARTITION_KEY]: { S: 'HEALTH' }, [SORT_KEY]: { S: 'HEALTH' } } },
      timeoutMs,
    );
    return { status: 'ok' };
  };
};
