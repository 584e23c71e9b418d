import { randomUUID } from 'node:crypto';
import type { ObjectCreatedEvent } from '#functions/attachments/verify-upload.js';
import { LOCAL_REGION } from './dynamodb.js';
import { loadHandler } from './handler-modules.js';
import { startS3Server } from './s3.js';

type VerifyHandler = (event: ObjectCreatedEvent, context: { awsRequestId: string }) => Promise<void>;

/** The module the bucket's Object Created events invoke in the cloud (infra/constructs/attachments.ts). */
export const VERIFY_UPLOAD_MODULE = 'functions/attachments/verify-upload';

/**
 * The local S3 server with the cloud's notification: each stored object goes, as S3's
 * EventBridge "Object Created" event, to the same verification handler, loaded on the first
 * upload (the handlers read the local environment at load).
 */
export const startLocalAttachmentStorage = (options: {
  port: number;
  host?: string;
  directory: string;
  bucket: string;
  corsOrigins: readonly string[];
}) =>
  startS3Server({
    ...options,
    onObjectCreated: async (notification) => {
      const handler = await loadHandler<VerifyHandler>(VERIFY_UPLOAD_MODULE);
      for (const record of notification.Records) {
        if (!record.eventName.startsWith('ObjectCreated')) continue;
        // As the cloud's EventBridge rule (keys `t/*`): raw mail under `mail/` is not an upload.
        if (!decodeURIComponent(record.s3.object.key).startsWith('t/')) continue;
        await handler(
          {
            version: '0',
            id: randomUUID(),
            'detail-type': 'Object Created',
            source: 'aws.s3',
            account: '000000000000',
            time: record.eventTime,
            region: LOCAL_REGION,
            resources: [`arn:aws:s3:::${record.s3.bucket.name}`],
            detail: {
              bucket: { name: record.s3.bucket.name },
              object: { key: decodeURIComponent(record.s3.object.key), size: record.s3.object.size },
            },
          },
          { awsRequestId: randomUUID() },
        );
      }
    },
  });
