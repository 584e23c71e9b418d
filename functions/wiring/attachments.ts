import { DynamoAttachmentStore } from '#attachments/adapters/dynamodb-attachment-store.js';
import { S3AttachmentStorage } from '#attachments/adapters/s3-storage.js';
import { AttachmentSettings } from '#attachments/settings.js';
import type { AttachmentDeps } from '#attachments/use-cases/deps.js';
import { readSettings } from '#platform/config.js';
import { api } from './api.js';

/**
 * The attachments family's wiring (docs/attachments.md): the upload, list and download routes,
 * the verification of what lands in the bucket and the malware scan result. One S3 client and
 * the table adapters, once per container.
 */
const settings = readSettings({ attachments: AttachmentSettings });

export const attachmentDeps: AttachmentDeps = {
  tickets: api.store,
  store: new DynamoAttachmentStore(api.db, api.tableName),
  storage: new S3AttachmentStorage(settings.attachments.bucket, {
    endpoint: settings.attachments.s3Endpoint,
  }),
  clock: api.clock,
  ids: api.ids,
  limits: { maxFileBytes: settings.attachments.maxFileBytes },
  malwareScan: settings.attachments.malwareScan,
};
