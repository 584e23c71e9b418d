import { S3AttachmentStorage } from '#attachments/adapters/s3-storage.js';
import { ticketObjectPrefix } from '#attachments/attachment.js';
import { AttachmentSettings } from '#attachments/settings.js';
import { readSettings } from '#platform/config.js';
import { DynamoTicketErasure } from '#tickets/adapters/dynamodb-ticket-erasure.js';
import type { EraseRemainsDeps } from '#tickets/use-cases/erase-remains.js';
import { api } from './api.js';

/**
 * The `ticket-erasure` stream consumer's wiring (attachments family: the table and the bucket):
 * what a deleted ticket leaves in its partition and its files under `t/<ticketId>/`.
 */
const settings = readSettings({ attachments: AttachmentSettings });

const storage = new S3AttachmentStorage(settings.attachments.bucket, {
  endpoint: settings.attachments.s3Endpoint,
});

export const erasureDeps: EraseRemainsDeps = {
  remains: new DynamoTicketErasure(api.db, api.tableName),
  files: { removeFilesOf: (ticketId) => storage.removeAll(ticketObjectPrefix(ticketId)) },
  clock: api.clock,
};
