import * as z from 'zod';
import { optionalText, requiredText } from '#platform/config.js';

/**
 * The search index's settings (docs/search.md). Its segments live in the attachments bucket
 * under `search/`, so the variables are the attachment ones: the bucket, and locally the S3
 * server's endpoint.
 */
export const searchEnvNames = {
  bucket: 'ATTACHMENTS_BUCKET',
  s3Endpoint: 'S3_ENDPOINT',
} as const;

export interface SearchConfig {
  bucket: string;
  s3Endpoint: string | null;
}

export const SearchSettings = z
  .object({
    [searchEnvNames.bucket]: requiredText(searchEnvNames.bucket),
    [searchEnvNames.s3Endpoint]: optionalText(),
  })
  .transform(
    (env): SearchConfig => ({
      bucket: env[searchEnvNames.bucket],
      s3Endpoint: env[searchEnvNames.s3Endpoint],
    }),
  );
