import { AwsClient } from 'aws4fetch';

export interface SignedDynamoOptions {
  /** DynamoDB Local's endpoint; DynamoDB's regional endpoint when null. */
  endpoint: string | null;
  /** Where the region and the credentials come from: Lambda's (or the local runtime's) environment. */
  env?: Record<string, string | undefined>;
}

/** One DynamoDB JSON-protocol call: its operation, body (attribute values in DynamoDB JSON) and time limit. */
export type SignedDynamoCall = (
  operation: 'GetItem',
  body: Record<string, unknown>,
  timeoutMs: number,
) => Promise<Record<string, unknown>>;

/**
 * DynamoDB called as one SigV4-signed HTTPS request per call (aws4fetch, a few KB) instead of
 * through the SDK client, for the functions that must start in a few tens of milliseconds
 * (health, `GET /me`: docs/performance.md). No retries; aborted after the call's time limit. A
 * refusal throws an error named by DynamoDB's error type (e.g. ResourceNotFoundException), as the
 * SDK's would be. The client is made on the first call, so a missing credential fails that call,
 * not the module's load.
 */
export const signedDynamoCall = ({ endpoint, env = process.env }: SignedDynamoOptions): SignedDynamoCall => {
  let client: AwsClient | undefined;
  return async (operation, body, timeoutMs) => {
    const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    if (!client) {
      const accessKeyId = env.AWS_ACCESS_KEY_ID;
      const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
      if (!region || !accessKeyId || !secretAccessKey)
        throw new Error('no region or credentials in the environment');
      client = new AwsClient({
        accessKeyId,
        secretAccessKey,
        ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
        service: 'dynamodb',
        region,
        retries: 0,
      });
    }
    const response = await client.fetch(endpoint ?? `https://dynamodb.${region}.amazonaws.com/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${operation}`,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown> & { __type?: string };
    if (!response.ok) {
      const error = new Error(`DynamoDB answered ${response.status}`);
      error.name = answer.__type?.split('#').pop() || `Http${response.status}`;
      throw error;
    }
    return answer;
  };
};
