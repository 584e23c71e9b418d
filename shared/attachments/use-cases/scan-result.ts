import { parseObjectKey } from '../attachment.js';
import type { AttachmentDeps } from './deps.js';
import { type VerifyOutcome, verifyUpload } from './verify-upload.js';

/** GuardDuty Malware Protection for S3's verdict on an object (`scanResultDetails.scanResultStatus`). */
export type ScanStatus = 'NO_THREATS_FOUND' | 'THREATS_FOUND' | 'UNSUPPORTED' | 'ACCESS_DENIED' | 'FAILED';

/**
 * With ATTACHMENT_MALWARE_SCAN=guardduty a file is offered only once GuardDuty found no threat
 * (the value it also writes to the object's GuardDutyMalwareScanStatus tag). The type check runs
 * again here, so the order in which the upload event and the scan result arrive does not matter.
 */
export const applyScanResult = async (
  deps: AttachmentDeps,
  key: string,
  status: ScanStatus,
): Promise<VerifyOutcome> => {
  const named = parseObjectKey(key);
  if (!named) return 'ignored';
  if (status === 'NO_THREATS_FOUND') return verifyUpload({ ...deps, malwareScan: 'off' }, key);
  const attachment = await deps.store.get(named.ticketId, named.attachmentId, { consistent: true });
  if (attachment?.status !== 'pending') return 'ignored';
  const reason =
    status === 'THREATS_FOUND'
      ? 'The malware scan found a threat'
      : `The malware scan could not check the file (${status})`;
  await deps.store.markRejected(attachment, deps.clock.now().toISOString(), reason);
  await deps.storage.remove(key);
  return 'rejected';
};
