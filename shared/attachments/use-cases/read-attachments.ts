import type { Caller } from '#identity/caller.js';
import { Conflict, NotFound } from '#platform/errors.js';
import { canSee } from '#tickets/ticket.js';
import {
  type AttachmentDownload,
  type AttachmentView,
  isImage,
  LINK_TTL_SECONDS,
  objectKey,
  viewOf,
} from '../attachment.js';
import { canSeeAttachment } from '../visibility.js';
import type { AttachmentDeps } from './deps.js';

const visibleTicket = async (deps: AttachmentDeps, caller: Caller, ticketId: string) => {
  const ticket = await deps.tickets.getTicket(ticketId);
  if (!ticket || !canSee(caller, ticket)) throw new NotFound(`No ticket ${ticketId}`);
  return ticket;
};

/** The ticket's attachments the caller may see, oldest first (2 reads: the ticket, one Query). */
export const listAttachments = async (
  deps: AttachmentDeps,
  caller: Caller,
  ticketId: string,
): Promise<{ items: AttachmentView[] }> => {
  await visibleTicket(deps, caller, ticketId);
  const all = await deps.store.listOfTicket(ticketId);
  return { items: all.filter((attachment) => canSeeAttachment(caller, attachment)).map(viewOf) };
};

/**
 * A link to download one attachment, presigned for five minutes: saved as a file, except images
 * (shown inline). Only verified files are offered: a pending or rejected one is 409 (with the
 * reason), one the caller may not see 404. Downloads are not recorded (docs/attachments.md).
 */
export const getDownload = async (
  deps: AttachmentDeps,
  caller: Caller,
  ticketId: string,
  attachmentId: string,
): Promise<AttachmentDownload> => {
  await visibleTicket(deps, caller, ticketId);
  const attachment = await deps.store.get(ticketId, attachmentId);
  if (!attachment || !canSeeAttachment(caller, attachment)) {
    throw new NotFound(`No attachment ${attachmentId} on ticket ${ticketId}`);
  }
  if (attachment.status === 'rejected') {
    throw new Conflict(
      `The file ${attachment.fileName} was rejected: ${attachment.reason ?? 'no reason given'}`,
    );
  }
  if (attachment.status !== 'available') {
    throw new Conflict(`The file ${attachment.fileName} has not been uploaded and verified yet`);
  }
  const now = deps.clock.now();
  const downloadUrl = await deps.storage.presignDownload({
    key: objectKey(ticketId, attachmentId),
    fileName: attachment.fileName,
    contentType: attachment.contentType,
    inline: isImage(attachment.contentType),
    now,
    expiresInSeconds: LINK_TTL_SECONDS,
  });
  return {
    ...viewOf(attachment),
    downloadUrl,
    expiresAt: new Date(now.getTime() + LINK_TTL_SECONDS * 1000).toISOString(),
  };
};
