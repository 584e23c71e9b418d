import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';

/** One structured logger per container; the service name and level come from the environment. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'helpdesk' });

/**
 * A Lambda entry that is not an HTTP route (SLA checks, triggers, stream consumers): the
 * Lambda context on every log line, and the keys a request appended (`ticketId`) reset after
 * it. HTTP routes get the same through their middy chain (functions/http/route.ts).
 */
export const loggedEntry = <E, R>(fn: (event: E, context: Partial<Context>) => Promise<R>) => {
  const handler = middy<E, R, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler((event, context) => fn(event, context));
  return (event: E, context?: Partial<Context>): Promise<R> => handler(event, (context ?? {}) as Context);
};
