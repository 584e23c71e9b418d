import type { Caller } from '#identity/caller.js';
import { Invalid, NotFound, PayloadTooLarge } from '#platform/errors.js';
import { authorOf, canSee } from '#tickets/ticket.js';
import {
  type Attachment,
  type CreateAttachmentBody,
  LINK_TTL_SECONDS,
  MAX_TICKET_ATTACHMENTS,
  MAX_TICKET_BYTES,
  objectKey,
  type UploadSlot,
  viewOf,
} from '../attachment.js';
import { TicketAttachmentsFull } from '../ports.js';
import type { AttachmentDeps } from './deps.js';

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * An upload slot on a ticket the caller may write to: the pending attachment and a presigned PUT
 * bound to the declared type and length, working for five minutes. The file is offered once the
 * verification (./verify-upload.ts) has checked what arrived.
 */
export const requestUpload = async (
  deps: AttachmentDeps,
  caller: Caller,
  ticketId: string,
  body: CreateAttachmentBody,
): Promise<UploadSlot> => {
  if (body.size > deps.limits.maxFileBytes) {
    throw new PayloadTooLarge(`A file may have at most ${megabytes(deps.limits.maxFileBytes)}`, [
      { path: 'size', message: `At most ${deps.limits.maxFileBytes} bytes` },
    ]);
  }
  const ticket = await deps.tickets.getTicket(ticketId);
  if (!ticket || !canSee(caller, ticket)) throw new NotFound(`No ticket ${ticketId}`);
  const now = deps.clock.now();
  const author = authorOf(caller);
  const attachment: Attachment = {
    id: deps.ids.next(),
    ticketId,
    fileName: body.fileName,
    contentType: body.contentType,
    size: body.size,
    status: 'pending',
    uploadedBy: { id: author.id, name: author.name },
    createdAt: now.toISOString(),
  };
  try {
    await deps.store.create(attachment, { maxCount: MAX_TICKET_ATTACHMENTS, maxBytes: MAX_TICKET_BYTES });
  } catch (error) {
    if (!(error instanceof TicketAttachmentsFull)) throw error;
    throw new Invalid(
      `Ticket ${ticket.reference} holds as many files as it may (${MAX_TICKET_ATTACHMENTS} uploads, ${megabytes(MAX_TICKET_BYTES)})`,
      [{ path: 'size', message: 'No room left on this ticket' }],
    );
  }
  const upload = await deps.storage.presignUpload({
    key: objectKey(ticketId, attachment.id),
    contentType: body.contentType,
    size: body.size,
    now,
    expiresInSeconds: LINK_TTL_SECONDS,
  });
  return {
    ...viewOf(attachment),
    upload: { method: 'PUT', ...upload },
    expiresAt: new Date(now.getTime() + LINK_TTL_SECONDS * 1000).toISOString(),
  };
};
