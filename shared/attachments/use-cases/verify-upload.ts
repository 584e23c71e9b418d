import { logger } from '#platform/logger.js';
import { type Attachment, MAX_TICKET_BYTES, objectKey, parseObjectKey } from '../attachment.js';
import { judgeUpload, SAMPLE_BYTES } from '../verification.js';
import type { AttachmentDeps } from './deps.js';

export type VerifyOutcome = 'available' | 'rejected' | 'awaiting-scan' | 'ignored';

const reject = async (
  deps: AttachmentDeps,
  attachment: Attachment,
  reason: string,
): Promise<VerifyOutcome> => {
  await deps.store.markRejected(attachment, deps.clock.now().toISOString(), reason);
  // A refused file is never offered: its bytes go at once.
  await deps.storage.remove(objectKey(attachment.ticketId, attachment.id));
  logger.info('attachment rejected', { attachmentId: attachment.id, reason });
  return 'rejected';
};

/**
 * Makes a checked attachment available, unless the ticket's verified files would then exceed
 * 100 MB. The pending tag goes first: a retry after a failure in between finds the attachment
 * still pending and does both again, never an available file whose object expires.
 */
export const release = async (deps: AttachmentDeps, attachment: Attachment): Promise<VerifyOutcome> => {
  await deps.storage.markVerified(objectKey(attachment.ticketId, attachment.id));
  const outcome = await deps.store.markAvailable(
    attachment,
    deps.clock.now().toISOString(),
    MAX_TICKET_BYTES,
  );
  if (outcome === 'ticket-full') return reject(deps, attachment, 'The ticket already holds 100 MB of files');
  return outcome === 'ok' ? 'available' : 'ignored';
};

/**
 * What happens when an object lands in the bucket (the S3 event in the cloud; the local S3
 * server's event under `npm start`): the first bytes are read, the real type detected and
 * compared with the declared type, size and the allow-list; the attachment becomes available or
 * rejected with the reason. Idempotent: an attachment already judged, or a key that names none,
 * is left alone (S3 delivers events at least once).
 */
export const verifyUpload = async (deps: AttachmentDeps, key: string): Promise<VerifyOutcome> => {
  const named = parseObjectKey(key);
  if (!named) {
    logger.warn('object outside the attachment keys', { key });
    return 'ignored';
  }
  const attachment = await deps.store.get(named.ticketId, named.attachmentId, { consistent: true });
  if (attachment?.status !== 'pending') return 'ignored';
  const stored = await deps.storage.describe(key);
  if (!stored) return 'ignored';
  const sample = await deps.storage.readStart(key, SAMPLE_BYTES);
  const verdict = await judgeUpload({
    declaredType: attachment.contentType,
    declaredSize: attachment.size,
    actualSize: stored.size,
    sample,
  });
  if (verdict.status === 'rejected') return reject(deps, attachment, verdict.reason);
  // With the malware scan on, GuardDuty's result (./scan-result.ts) decides.
  if (deps.malwareScan === 'guardduty') return 'awaiting-scan';
  return release(deps, attachment);
};
