import type { AttachmentStorage } from '#attachments/ports.js';
import type { RawMailStorage } from '../ports.js';

/** The raw-mail store over the attachment storage port (S3, the local S3 server). */
export const rawMailStorage = (storage: AttachmentStorage): RawMailStorage => ({
  put: (key, bytes) => storage.put(key, bytes, 'message/rfc822'),
  get: async (key) => {
    const stored = await storage.describe(key);
    return stored ? storage.readStart(key, stored.size) : null;
  },
});
