import * as z from 'zod';
import { Timestamp } from '#tickets/timestamp.js';

/** Limits of the contract (docs/attachments.md). The per-file limit is a setting; these are fixed. */
export const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;
export const MAX_TICKET_BYTES = 100 * 1024 * 1024;
/** Upload slots a ticket hands out, used or not: bounds its attachment list to one Query. */
export const MAX_TICKET_ATTACHMENTS = 200;
/** How long an upload or download link works. */
export const LINK_TTL_SECONDS = 5 * 60;

/**
 * The types a file may have, by what its bytes are (detected) or, for text, what it says it is.
 * No SVG or HTML: they run script when opened from the bucket's origin.
 */
export const imageTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export const textTypes = ['text/plain', 'text/csv', 'text/x-log', 'message/rfc822'] as const;
const officeZipTypes = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
] as const;
const officeLegacyTypes = [
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
] as const;
export const allowedTypes = [
  ...imageTypes,
  'application/pdf',
  ...textTypes,
  ...officeZipTypes,
  ...officeLegacyTypes,
  'application/zip',
] as const;
export type AllowedType = (typeof allowedTypes)[number];

export const isAllowedType = (type: string): type is AllowedType =>
  (allowedTypes as readonly string[]).includes(type);
export const isImage = (type: string): boolean => (imageTypes as readonly string[]).includes(type);
export const isText = (type: string): boolean => (textTypes as readonly string[]).includes(type);
export const isOfficeZip = (type: string): boolean => (officeZipTypes as readonly string[]).includes(type);
export const isOfficeLegacy = (type: string): boolean =>
  (officeLegacyTypes as readonly string[]).includes(type);

export const AttachmentStatus = /* @__PURE__ */ z
  .enum(['pending', 'available', 'rejected'])
  .meta({ id: 'AttachmentStatus' });
export type AttachmentStatus = z.infer<typeof AttachmentStatus>;

const FileName = /* @__PURE__ */ z
  .string()
  .trim()
  .min(1, 'fileName must not be empty')
  .max(200, 'fileName must be at most 200 characters')
  .refine((name) => !/[/\\\p{Cc}]/u.test(name), 'fileName is a name, without slashes or control characters');

export const CreateAttachmentBody = /* @__PURE__ */ z
  .strictObject({
    fileName: FileName,
    contentType: z
      .string()
      .trim()
      .toLowerCase()
      .refine(isAllowedType, `This type of file is not allowed; allowed: ${allowedTypes.join(', ')}`),
    size: z.int('size is a whole number of bytes').min(1, 'An empty file cannot be attached'),
  })
  .meta({ id: 'NewAttachment' });
export type CreateAttachmentBody = z.infer<typeof CreateAttachmentBody>;

/** An attachment as stored: the key `t/<ticketId>/<id>` names its bytes in the bucket. */
export interface Attachment {
  id: string;
  ticketId: string;
  fileName: string;
  contentType: string;
  size: number;
  status: AttachmentStatus;
  /** Why the upload was refused. */
  reason?: string;
  uploadedBy: { id: string; name: string };
  createdAt: string;
  verifiedAt?: string;
  /** The message that took the file, and whether it is an internal note. */
  messageId?: string;
  internal?: boolean;
  /**
   * A file received by mail while the malware scan is on: its type checked out, only the scan's
   * verdict is awaited. Its message lists it at once (a mail is processed in one go); it is
   * offered for download only once the scan released it (docs/attachments.md).
   */
  awaitingScan?: true;
}

export const AttachmentView = /* @__PURE__ */ z
  .object({
    id: z.string(),
    ticketId: z.string(),
    fileName: z.string(),
    contentType: z.string(),
    size: z.int(),
    status: AttachmentStatus,
    reason: z.string().optional().meta({ description: 'Why the upload was rejected' }),
    messageId: z
      .string()
      .nullable()
      .meta({ description: 'The message that lists the file; null until one does' }),
    uploadedBy: z.object({ id: z.string(), name: z.string() }),
    createdAt: Timestamp,
  })
  .meta({ id: 'Attachment' });
export type AttachmentView = z.infer<typeof AttachmentView>;

export const UploadSlot = /* @__PURE__ */ AttachmentView.extend({
  upload: z.object({
    method: z.literal('PUT'),
    url: z.string(),
    headers: z.record(z.string(), z.string()).meta({
      description: 'Send these with the bytes; Content-Length must be `size` (the URL binds both)',
    }),
  }),
  expiresAt: Timestamp,
}).meta({ id: 'AttachmentUpload' });
export type UploadSlot = z.infer<typeof UploadSlot>;

export const AttachmentDownload = /* @__PURE__ */ AttachmentView.extend({
  downloadUrl: z.string(),
  expiresAt: Timestamp,
}).meta({ id: 'AttachmentDownload' });
export type AttachmentDownload = z.infer<typeof AttachmentDownload>;

export const AttachmentList = /* @__PURE__ */ z
  .object({ items: z.array(AttachmentView) })
  .meta({ id: 'AttachmentList' });

const Ulid = /* @__PURE__ */ z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not an id');
export const AttachmentPathParams = /* @__PURE__ */ z.strictObject({ id: Ulid, attachmentId: Ulid });

export const viewOf = (attachment: Attachment): AttachmentView => ({
  id: attachment.id,
  ticketId: attachment.ticketId,
  fileName: attachment.fileName,
  contentType: attachment.contentType,
  size: attachment.size,
  status: attachment.status,
  ...(attachment.reason ? { reason: attachment.reason } : {}),
  messageId: attachment.messageId ?? null,
  uploadedBy: attachment.uploadedBy,
  createdAt: attachment.createdAt,
});

/**
 * The object tag an upload carries until its verification accepts it: the bucket's lifecycle
 * expires tagged objects after a day, so an upload never verified does not stay.
 */
export const PENDING_TAG = { key: 'state', value: 'pending' } as const;

/** Where the bytes of an attachment live in the bucket. */
export const objectKey = (ticketId: string, attachmentId: string): string => `t/${ticketId}/${attachmentId}`;

/** The prefix of every object of a ticket's attachments: removed whole when the ticket is deleted. */
export const ticketObjectPrefix = (ticketId: string): string => `t/${ticketId}/`;

/** The ticket and attachment an object key names, or null for a key that is not an attachment's. */
export const parseObjectKey = (key: string): { ticketId: string; attachmentId: string } | null => {
  const match = /^t\/([0-9A-HJKMNP-TV-Z]{26})\/([0-9A-HJKMNP-TV-Z]{26})$/.exec(key);
  return match?.[1] && match[2] ? { ticketId: match[1], attachmentId: match[2] } : null;
};
