import type { Attachment } from './attachment.js';

/** A presigned request the client makes itself: the bytes never pass through the API. */
export interface PresignedUpload {
  url: string;
  /** Headers the request must carry as signed (the URL binds type and length). */
  headers: Record<string, string>;
}

/**
 * Where the bytes live (S3 in the cloud, the local S3 server under `npm start`). Keys come from
 * `objectKey`; links are presigned for `expiresInSeconds` from `now`.
 */
export interface AttachmentStorage {
  presignUpload(input: {
    key: string;
    contentType: string;
    size: number;
    now: Date;
    expiresInSeconds: number;
  }): Promise<PresignedUpload>;
  presignDownload(input: {
    key: string;
    fileName: string;
    contentType: string;
    /** Shown in the browser (images) rather than saved. */
    inline: boolean;
    now: Date;
    expiresInSeconds: number;
  }): Promise<string>;
  /** The stored object's size, or null when there is none. */
  describe(key: string): Promise<{ size: number } | null>;
  /** Up to `bytes` from the start of the object. */
  readStart(key: string, bytes: number): Promise<Uint8Array>;
  /** Takes the pending tag off an accepted upload (other tags, e.g. the malware scan's, stay). */
  markVerified(key: string): Promise<void>;
  /** Stores bytes the server received itself (files of inbound mail). */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  remove(key: string): Promise<void>;
  /** Removes every object under `prefix` (a deleted ticket's files); resolves to how many there were. */
  removeAll(prefix: string): Promise<number>;
}

/** Raised by AttachmentStore.create when the ticket holds as much as it may. */
export class TicketAttachmentsFull extends Error {}

/** The attachment items of the table (docs/attachments.md). */
export interface AttachmentStore {
  /**
   * A new attachment, counted against the ticket: TicketAttachmentsFull when it has handed out
   * `maxCount` slots, or its verified files leave no room for `size` within `maxBytes`.
   * An `available` attachment (inbound mail) takes its bytes from the ticket at once.
   */
  create(attachment: Attachment, limits: { maxCount: number; maxBytes: number }): Promise<void>;
  get(ticketId: string, attachmentId: string, options?: { consistent?: boolean }): Promise<Attachment | null>;
  /** Several of one ticket's attachments by id (one batch read); missing ones are left out. */
  getMany(ticketId: string, attachmentIds: readonly string[]): Promise<Attachment[]>;
  /** All of a ticket's attachments, oldest first (at most MAX_TICKET_ATTACHMENTS). */
  listOfTicket(ticketId: string): Promise<Attachment[]>;
  /**
   * Marks a pending attachment available and adds its bytes to the ticket's total:
   * `ticket-full` (nothing written) when they would exceed `maxBytes`; `not-pending` when it
   * was already judged.
   */
  markAvailable(
    attachment: Attachment,
    at: string,
    maxBytes: number,
  ): Promise<'ok' | 'ticket-full' | 'not-pending'>;
  /** Marks a pending attachment rejected, with the reason. */
  markRejected(attachment: Attachment, at: string, reason: string): Promise<void>;
}
