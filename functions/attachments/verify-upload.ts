import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { verifyUpload } from '#attachments/use-cases/verify-upload.js';
import { logger } from '#platform/logger.js';
import { attachmentDeps } from '../wiring/attachments.js';

/** The part of S3's EventBridge "Object Created" event the verification reads. */
export interface ObjectCreatedDetail {
  bucket: { name: string };
  object: { key: string; size?: number };
}
export type ObjectCreatedEvent = EventBridgeEvent<'Object Created', ObjectCreatedDetail>;

/**
 * An object landed in the attachment bucket (S3's "Object Created" event through EventBridge in
 * the cloud; the local S3 server's, in the same shape, under `npm start`): the file is checked
 * and offered or rejected. A failure throws, so Lambda retries the event (the verification is
 * idempotent), then hands it to the dead-letter queue.
 */
export const handler = middy<ObjectCreatedEvent, void>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const { key } = event.detail.object;
    const outcome = await verifyUpload(attachmentDeps, key);
    logger.info('attachment verified', { key, outcome });
  });
