import { AwsClient } from 'aws4fetch';
import { type DeadLetter, MailOutcome, type MailReceiver, type RetryDeadLetterEvent } from '../ports.js';

export interface LambdaMailReceiverOptions {
  /** The inbound-mail function's ARN (infra/stacks/stateless-stack.ts sets it). */
  functionArn: string;
  /** Lambda's endpoint; the region's when absent. */
  endpoint?: string | null;
  /** Where the region and the credentials come from: Lambda's environment. */
  env?: Record<string, string | undefined>;
}

/** The outcome as the function answered it: every field kept (`answered`, `id`…), the shape checked. */
const Answer = MailOutcome.loose();

/**
 * The inbound-mail function invoked synchronously (Lambda's Invoke API, `RequestResponse`)
 * through one signed request (aws4fetch, a few KB) instead of the SDK's Lambda client: the
 * route waits for the outcome as before, without bundling the parser. A function error
 * (`X-Amz-Function-Error`) throws with the function's message.
 */
export const lambdaMailReceiver = (options: LambdaMailReceiverOptions): MailReceiver => {
  const env = options.env ?? process.env;
  let client: AwsClient | undefined;
  const aws = () => {
    const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    const accessKeyId = env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
    if (!region || !accessKeyId || !secretAccessKey)
      throw new Error('Lambda: no region or credentials in the environment');
    client ??= new AwsClient({
      accessKeyId,
      secretAccessKey,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
      region,
      service: 'lambda',
      // Lambda's own failures (throttles, 5xx) only: a function error answers 200.
      retries: 2,
    });
    return { client, region };
  };
  return {
    async retry(letter: DeadLetter): Promise<MailOutcome> {
      const { client, region } = aws();
      const base = options.endpoint?.replace(/\/$/, '') ?? `https://lambda.${region}.amazonaws.com`;
      const event: RetryDeadLetterEvent = { retryDeadLetter: letter };
      const response = await client.fetch(
        `${base}/2015-03-31/functions/${encodeURIComponent(options.functionArn)}/invocations`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-amz-invocation-type': 'RequestResponse' },
          body: JSON.stringify(event),
        },
      );
      const text = await response.text();
      if (!response.ok) throw new Error(`Lambda Invoke answered ${response.status}: ${text.slice(0, 500)}`);
      const functionError = response.headers.get('x-amz-function-error');
      if (functionError) {
        throw new Error(`The inbound-mail function failed (${functionError}): ${text.slice(0, 500)}`);
      }
      return Answer.parse(JSON.parse(text));
    },
  };
};
