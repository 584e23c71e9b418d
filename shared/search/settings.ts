import * as z from 'zod';
import { optionalText, requiredText } from '#platform/config.js';

/**
 * The search index's settings (docs/search.md). Its segments live in the attachments bucket
 * under `search/`, so the variables are the attachment ones: the bucket, and locally the S3
 * server's endpoint. With the OpenSearch engine (the CDK setting `searchEngine=opensearch`), the
 * tickets' index is an OpenSearch Serverless collection instead; the knowledge base keeps its
 * segment.
 */
export const searchEnvNames = {
  bucket: 'ATTACHMENTS_BUCKET',
  s3Endpoint: 'S3_ENDPOINT',
  engine: 'SEARCH_ENGINE',
  openSearchEndpoint: 'OPENSEARCH_ENDPOINT',
} as const;

export const searchEngines = ['segments', 'opensearch'] as const;
export type SearchEngine = (typeof searchEngines)[number];

export interface SearchConfig {
  bucket: string;
  s3Endpoint: string | null;
  /** Where tickets are indexed and searched: `segments` (default) or an OpenSearch Serverless collection. */
  engine: SearchEngine;
  /** The collection's endpoint, with the OpenSearch engine only. */
  openSearchEndpoint: string | null;
}

export const SearchSettings = z
  .object({
    [searchEnvNames.bucket]: requiredText(searchEnvNames.bucket),
    [searchEnvNames.s3Endpoint]: optionalText(),
    [searchEnvNames.engine]: z
      .enum(searchEngines, { error: `${searchEnvNames.engine} must be one of ${searchEngines.join(', ')}` })
      .optional(),
    [searchEnvNames.openSearchEndpoint]: optionalText(),
  })
  .superRefine((env, context) => {
    if (env[searchEnvNames.engine] === 'opensearch' && !env[searchEnvNames.openSearchEndpoint]) {
      context.addIssue({
        code: 'custom',
        path: [searchEnvNames.openSearchEndpoint],
        message: `${searchEnvNames.openSearchEndpoint} is not set: the OpenSearch engine needs the collection's endpoint`,
      });
    }
  })
  .transform(
    (env): SearchConfig => ({
      bucket: env[searchEnvNames.bucket],
      s3Endpoint: env[searchEnvNames.s3Endpoint],
      engine: env[searchEnvNames.engine] ?? 'segments',
      openSearchEndpoint: env[searchEnvNames.openSearchEndpoint],
    }),
  );
