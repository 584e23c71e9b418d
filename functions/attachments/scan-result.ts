import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { applyScanResult, type ScanStatus } from '#attachments/use-cases/scan-result.js';
import { logger } from '#platform/logger.js';
import { attachmentDeps } from '../wiring/attachments.js';

interface ScanResultDetail {
  s3ObjectDetails: { bucketName: string; objectKey: string };
  scanResultDetails: { scanResultStatus: ScanStatus };
}

/**
 * GuardDuty Malware Protection for S3's "Object Scan Result" event (EventBridge), with
 * ATTACHMENT_MALWARE_SCAN=guardduty: the verdict, also written to the object's
 * GuardDutyMalwareScanStatus tag, decides whether the file is offered (docs/attachments.md).
 */
export const handler = middy<
  EventBridgeEvent<'GuardDuty Malware Protection Object Scan Result', ScanResultDetail>,
  void
>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const key = event.detail.s3ObjectDetails.objectKey;
    const outcome = await applyScanResult(
      attachmentDeps,
      key,
      event.detail.scanResultDetails.scanResultStatus,
    );
    logger.info('malware scan applied', { key, outcome });
  });
