import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SESEvent, SESReceiptStatus } from 'aws-lambda';
import { type MailOutcome, RetryDeadLetterEvent } from '#email/ports.js';
import { receivedFromSes } from '#email/ses-receipt.js';
import { receiveMail, retryDeadLetter } from '#email/use-cases/receive-mail.js';
import { logger } from '#platform/logger.js';
import { inboundDeps } from '../wiring/inbound-mail.js';

export type { SESEvent, SESReceiptStatus };

/**
 * SES received a mail for the inbound address and stored it in the bucket (receipt rule: S3
 * action, then this function, invoked asynchronously); under `npm start` the local SMTP server
 * stores it and calls this handler with the same event. Each mail becomes a ticket, a reply, a
 * note or a dead letter (docs/inbound-mail.md). Only a failure to keep it throws: Lambda
 * retries the event twice, then sends it to the function's dead-letter queue.
 *
 * The kept-mail retry route invokes it too (synchronously, `{retryDeadLetter}`; locally the
 * same module): the mail is processed again here, where the parser is, and the outcome answered.
 */
export const handler = middy<SESEvent | RetryDeadLetterEvent, MailOutcome | undefined>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    if ('retryDeadLetter' in event) {
      const letter = RetryDeadLetterEvent.parse(event).retryDeadLetter;
      const outcome = await retryDeadLetter(inboundDeps, letter);
      logger.info('inbound mail retried', { rawKey: letter.rawKey, ...outcome });
      return outcome;
    }
    for (const record of event.Records) {
      const received = receivedFromSes(record.ses);
      const outcome = await receiveMail(inboundDeps, received);
      logger.info('inbound mail', { rawKey: received.rawKey, ...outcome });
    }
    return undefined;
  });
