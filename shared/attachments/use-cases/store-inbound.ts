import type { MessageAttachment } from '#tickets/schemas.js';
import { type Attachment, MAX_TICKET_ATTACHMENTS, MAX_TICKET_BYTES, objectKey } from '../attachment.js';
import { TicketAttachmentsFull } from '../ports.js';
import { judgeUpload, SAMPLE_BYTES } from '../verification.js';
import type { AttachmentDeps } from './deps.js';

export type InboundOutcome =
  | { stored: true; attachment: MessageAttachment }
  | { stored: false; fileName: string; reason: string };

/**
 * A file the server received itself (an inbound mail's attachment, for the e-mail channel):
 * judged by the same rules as an upload before it is stored, then stored through the same
 * storage port, uploaded by the mail's sender. The message that carries the mail then takes it
 * through `attachmentIds` like any other. Without the malware scan it is recorded `available`
 * at once; with it, `pending` and `awaitingScan` like an upload whose type checked out: the
 * message may list it, but only the scan's NO_THREATS_FOUND makes it available (./scan-result.ts),
 * any other verdict rejects and deletes it.
 */
export const storeInbound = async (
  deps: AttachmentDeps,
  input: {
    ticketId: string;
    fileName: string;
    contentType: string;
    bytes: Uint8Array;
    sender: { id: string; name: string };
  },
): Promise<InboundOutcome> => {
  const { ticketId, fileName, contentType, bytes } = input;
  const refuse = (reason: string): InboundOutcome => ({ stored: false, fileName, reason });
  if (bytes.length > deps.limits.maxFileBytes) return refuse('The file is larger than a file may be');
  const verdict = await judgeUpload({
    declaredType: contentType,
    declaredSize: bytes.length,
    actualSize: bytes.length,
    sample: bytes.subarray(0, SAMPLE_BYTES),
  });
  if (verdict.status === 'rejected') return refuse(verdict.reason);
  const now = deps.clock.now().toISOString();
  const scanned = deps.malwareScan === 'guardduty';
  const attachment: Attachment = {
    id: deps.ids.next(),
    ticketId,
    fileName,
    contentType,
    size: bytes.length,
    uploadedBy: input.sender,
    createdAt: now,
    ...(scanned
      ? { status: 'pending' as const, awaitingScan: true as const }
      : { status: 'available' as const, verifiedAt: now }),
  };
  // The bytes first: an item never names an object that is not there.
  await deps.storage.put(objectKey(ticketId, attachment.id), bytes, contentType);
  try {
    await deps.store.create(attachment, { maxCount: MAX_TICKET_ATTACHMENTS, maxBytes: MAX_TICKET_BYTES });
  } catch (error) {
    await deps.storage.remove(objectKey(ticketId, attachment.id));
    if (error instanceof TicketAttachmentsFull) return refuse('The ticket holds as many files as it may');
    throw error;
  }
  return {
    stored: true,
    attachment: { id: attachment.id, fileName, contentType, size: attachment.size },
  };
};
