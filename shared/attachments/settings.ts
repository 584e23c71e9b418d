import * as z from 'zod';
import { optionalText, requiredText } from '#platform/config.js';
import { DEFAULT_MAX_FILE_BYTES } from './attachment.js';

export const attachmentEnvNames = {
  bucket: 'ATTACHMENTS_BUCKET',
  /** Only for the local S3 server (`npm start`, tests): path-style URLs on this endpoint. */
  s3Endpoint: 'S3_ENDPOINT',
  maxFileBytes: 'ATTACHMENT_MAX_BYTES',
  malwareScan: 'ATTACHMENT_MALWARE_SCAN',
} as const;

export interface AttachmentConfig {
  bucket: string;
  s3Endpoint: string | null;
  maxFileBytes: number;
  /** `guardduty`: GuardDuty Malware Protection for S3 scans each object (docs/attachments.md). */
  malwareScan: 'off' | 'guardduty';
}

/**
 * The attachment settings: the bucket (required), the per-file limit (25 MB unless set), and
 * the optional malware scan. The local runtime sets S3_ENDPOINT to its S3 server.
 */
export const AttachmentSettings = z
  .object({
    [attachmentEnvNames.bucket]: requiredText(attachmentEnvNames.bucket),
    [attachmentEnvNames.s3Endpoint]: optionalText(),
    [attachmentEnvNames.maxFileBytes]: optionalText().transform((value, context) => {
      if (value === null) return DEFAULT_MAX_FILE_BYTES;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 1) {
        context.addIssue({
          code: 'custom',
          message: `${attachmentEnvNames.maxFileBytes} must be a whole number of bytes`,
        });
        return z.NEVER;
      }
      return parsed;
    }),
    [attachmentEnvNames.malwareScan]: z
      .enum(['off', 'guardduty'], { error: `${attachmentEnvNames.malwareScan} must be off or guardduty` })
      .optional(),
  })
  .transform(
    (env): AttachmentConfig => ({
      bucket: env[attachmentEnvNames.bucket],
      s3Endpoint: env[attachmentEnvNames.s3Endpoint],
      maxFileBytes: env[attachmentEnvNames.maxFileBytes],
      malwareScan: env[attachmentEnvNames.malwareScan] ?? 'off',
    }),
  );
