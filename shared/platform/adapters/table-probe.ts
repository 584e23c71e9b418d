import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { HealthProbe } from '../health.js';
import { PARTITION_KEY, SORT_KEY } from '../table/key.js';

/**
 * The table answers: one GetItem on a key nothing uses (the cheapest read the function's
 * read grant allows), aborted after `timeoutMs`, no retries.
 */
export const tableProbe =
  (db: DynamoDBDocumentClient, tableName: string, timeoutMs: number): HealthProbe =>
  async () => {
    await db.send(
      new GetCommand({ TableName: tableName, Key: { [PARTITION_KEY]: 'HEALTH', [SORT_KEY]: 'HEALTH' } }),
      { abortSignal: AbortSignal.timeout(timeoutMs) },
    );
    return { status: 'ok' };
  };
