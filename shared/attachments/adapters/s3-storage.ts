import { S3Bucket } from '#platform/adapters/s3-bucket.js';
import { PENDING_TAG } from '../attachment.js';
import type { AttachmentStorage, PresignedUpload } from '../ports.js';

/** RFC 6266 / 5987: an ASCII fallback and the exact UTF-8 name. */
const contentDisposition = (kind: 'attachment' | 'inline', fileName: string): string => {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
};

/**
 * The attachment bucket through the S3 API: S3 in the cloud, the local S3 server (path-style,
 * on `endpoint`) under `npm start`, with the same presigned URLs (signed requests through
 * `S3Bucket`, not the SDK's S3 client: docs/performance.md).
 */
export class S3AttachmentStorage implements AttachmentStorage {
  private readonly s3: S3Bucket;

  constructor(bucket: string, options: { endpoint?: string | null } = {}) {
    this.s3 = new S3Bucket({ bucket, endpoint: options.endpoint ?? null });
  }

  async presignUpload(input: {
    key: string;
    contentType: string;
    size: number;
    now: Date;
    expiresInSeconds: number;
  }): Promise<PresignedUpload> {
    const url = await this.s3.presign({
      method: 'PUT',
      key: input.key,
      expiresInSeconds: input.expiresInSeconds,
      signingDate: input.now,
      // Signed: the client must send exactly this type and length.
      headers: { 'content-type': input.contentType, 'content-length': String(input.size) },
      // In the URL: the object lands tagged, and expires unless verified.
      query: { 'x-amz-tagging': `${PENDING_TAG.key}=${PENDING_TAG.value}` },
    });
    return { url, headers: { 'content-type': input.contentType } };
  }

  async presignDownload(input: {
    key: string;
    fileName: string;
    contentType: string;
    inline: boolean;
    now: Date;
    expiresInSeconds: number;
  }): Promise<string> {
    return this.s3.presign({
      method: 'GET',
      key: input.key,
      expiresInSeconds: input.expiresInSeconds,
      signingDate: input.now,
      query: {
        'response-content-type': input.contentType,
        'response-content-disposition': contentDisposition(
          input.inline ? 'inline' : 'attachment',
          input.fileName,
        ),
      },
    });
  }

  describe(key: string): Promise<{ size: number } | null> {
    return this.s3.head(key);
  }

  readStart(key: string, bytes: number): Promise<Uint8Array> {
    return this.s3.get(key, bytes);
  }

  async markVerified(key: string): Promise<void> {
    const kept = (await this.s3.tags(key)).filter((tag) => tag.key !== PENDING_TAG.key);
    await this.s3.putTags(key, kept);
  }

  put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    return this.s3.put(key, bytes, contentType);
  }

  remove(key: string): Promise<void> {
    return this.s3.delete(key);
  }

  /** Lists the prefix a page (1,000 keys) at a time and deletes each key, a few at once. */
  async removeAll(prefix: string): Promise<number> {
    let removed = 0;
    let token: string | undefined;
    do {
      const page = await this.s3.list(prefix, token);
      for (let start = 0; start < page.keys.length; start += PARALLEL_DELETES) {
        await Promise.all(page.keys.slice(start, start + PARALLEL_DELETES).map((key) => this.s3.delete(key)));
      }
      removed += page.keys.length;
      token = page.next ?? undefined;
    } while (token);
    return removed;
  }
}

/** Deletes sent side by side while removing a ticket's files. */
const PARALLEL_DELETES = 8;
