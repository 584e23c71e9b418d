import {
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  NotFound,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { PENDING_TAG } from '../attachment.js';
import type { AttachmentStorage, PresignedUpload } from '../ports.js';

/** The headers a presigned PUT binds: the client must send exactly these values. */
const BOUND_HEADERS = new Set(['content-type', 'content-length']);

/** RFC 6266 / 5987: an ASCII fallback and the exact UTF-8 name. */
const contentDisposition = (kind: 'attachment' | 'inline', fileName: string): string => {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
};

/**
 * The attachment bucket through the S3 API: S3 in the cloud, the local S3 server (path-style,
 * on `endpoint`) under `npm start`, with the same presigned URLs. Checksums are computed only
 * when an operation requires one, so a presigned PUT does not carry the checksum of an empty body.
 */
export class S3AttachmentStorage implements AttachmentStorage {
  private readonly s3: S3Client;

  constructor(
    private readonly bucket: string,
    options: { endpoint?: string | null } = {},
  ) {
    this.s3 = new S3Client({
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
    });
  }

  async presignUpload(input: {
    key: string;
    contentType: string;
    size: number;
    now: Date;
    expiresInSeconds: number;
  }): Promise<PresignedUpload> {
    const url = await getSignedUrl(
      this.s3,
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: input.key,
        ContentType: input.contentType,
        ContentLength: input.size,
        // Signed into the URL: the object lands tagged, and expires unless verified.
        Tagging: `${PENDING_TAG.key}=${PENDING_TAG.value}`,
      }),
      { expiresIn: input.expiresInSeconds, signingDate: input.now, signableHeaders: BOUND_HEADERS },
    );
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
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: input.key,
        ResponseContentType: input.contentType,
        ResponseContentDisposition: contentDisposition(
          input.inline ? 'inline' : 'attachment',
          input.fileName,
        ),
      }),
      { expiresIn: input.expiresInSeconds, signingDate: input.now },
    );
  }

  async describe(key: string): Promise<{ size: number } | null> {
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: head.ContentLength ?? 0 };
    } catch (error) {
      if (error instanceof NotFound || (error as Error).name === 'NotFound') return null;
      throw error;
    }
  }

  async readStart(key: string, bytes: number): Promise<Uint8Array> {
    const object = await this.s3.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${bytes - 1}` }),
    );
    if (!object.Body) return new Uint8Array();
    return object.Body.transformToByteArray();
  }

  async markVerified(key: string): Promise<void> {
    const current = await this.s3.send(new GetObjectTaggingCommand({ Bucket: this.bucket, Key: key }));
    const kept = (current.TagSet ?? []).filter((tag) => tag.Key !== PENDING_TAG.key);
    await this.s3.send(
      new PutObjectTaggingCommand({ Bucket: this.bucket, Key: key, Tagging: { TagSet: kept } }),
    );
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType }),
    );
  }

  async remove(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
