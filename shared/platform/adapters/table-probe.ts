import { AwsClient } from 'aws4fetch';
import type { HealthProbe } from '../health.js';
import { PARTITION_KEY, SORT_KEY } from '../table/key.js';

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
 * grant allows), aborted after `timeoutMs`, no retries. Sent as one SigV4-signed HTTPS request
 * (aws4fetch, a few KB) instead of through the SDK client: the health function then starts
 * without loading the SDK (docs/performance.md). A refusal throws an error named by DynamoDB's
 * error type (e.g. ResourceNotFoundException), as the SDK's would be.
 */
export const tableProbe =
  ({ tableName, endpoint, timeoutMs, env = process.env }: TableProbeOptions): HealthProbe =>
  async () => {
    const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    const accessKeyId = env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
    if (!region || !accessKeyId || !secretAccessKey)
      throw new Error('no region or credentials in the environment');
    const client = new AwsClient({
      accessKeyId,
      secretAccessKey,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
      service: 'dynamodb',
      region,
      retries: 0,
    });
    const response = await client.fetch(endpoint ?? `https://dynamodb.${region}.amazonaws.com/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.GetItem',
      },
      body: JSON.stringify({
        TableName: tableName,
        Key: { [PARTITION_KEY]: { S: 'HEALTH' }, [SORT_KEY]: { S: 'HEALTH' } },
      }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { __type?: string };
      const error = new Error(`DynamoDB answered ${response.status}`);
      error.name = body.__type?.split('#').pop() || `Http${response.status}`;
      throw error;
    }
    await response.body?.cancel();
    return { status: 'ok' };
  };
