import { type Caller, isStaff } from '#identity/caller.js';
import type { Attachment } from './attachment.js';

/**
 * Who sees an attachment: staff see every one; anyone else the files of public messages and
 * their own uploads, never those of internal notes.
 */
export const canSeeAttachment = (caller: Caller, attachment: Attachment): boolean => {
  if (isStaff(caller)) return true;
  if (attachment.messageId) return attachment.internal !== true;
  return attachment.uploadedBy.id === caller.id;
};
