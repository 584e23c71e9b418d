import type { InboundMail } from './inbound-mail.js';

/** At most this many automatic replies (acknowledgements) go to one sender per hour. */
export const AUTO_REPLIES_PER_HOUR = 5;
/** Mails one sender may send per hour before the rest wait in the dead-letter list. */
export const MAILS_PER_SENDER_PER_HOUR = 30;

const machineLocalParts = /^(?:mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?)(?:[+.-].*)?$/i;

/** Whether the address is a mail system's own (mailer-daemon, postmaster, no-reply). */
export const isMachineAddress = (address: string): boolean =>
  machineLocalParts.test(address.slice(0, address.lastIndexOf('@')));

/**
 * Why the help desk must not answer this mail automatically (RFC 3834 and the usual list and
 * bulk headers), or null when it may. The mail is still read: a client's out-of-office reply
 * lands on the ticket, it just gets no acknowledgement back.
 */
export const noAutoReplyReason = (
  mail: InboundMail,
  envelopeSender: string | null,
  ownAddresses: readonly string[],
): string | null => {
  if (mail.autoSubmitted && mail.autoSubmitted.split(';')[0]?.trim() !== 'no')
    return `Auto-Submitted: ${mail.autoSubmitted}`;
  if (mail.precedence && /^(?:bulk|junk|list|auto_reply)\b/.test(mail.precedence))
    return `Precedence: ${mail.precedence}`;
  if (mail.listId) return 'a mailing list (List-Id)';
  if (mail.autoResponseSuppress && /\b(?:all|autoreply|oof)\b/.test(mail.autoResponseSuppress))
    return `X-Auto-Response-Suppress: ${mail.autoResponseSuppress}`;
  if (envelopeSender === '') return 'a null envelope sender (a bounce)';
  const from = mail.from?.address ?? '';
  if (!from) return 'no sender address';
  if (isMachineAddress(from)) return `a mail system's address (${from})`;
  if (ownAddresses.some((own) => own.toLowerCase() === from)) return 'our own address';
  return null;
};

/** A delivery report (DSN), or a mail from a mailer daemon: a bounce of something we sent. */
export const isBounce = (mail: InboundMail): boolean =>
  mail.deliveryReport || (mail.from !== null && /^(?:mailer-daemon|postmaster)@/i.test(mail.from.address));

/** The gist of a bounce for staff: the recipient and status lines of the delivery report. */
export const bounceSummary = (mail: InboundMail): string => {
  const lines = mail.reportText
    .split(/\r?\n/)
    .filter((line) => /^(?:Final-Recipient|Original-Recipient|Action|Status|Diagnostic-Code)\s*:/i.test(line))
    .map((line) => line.trim())
    .slice(0, 12);
  const gist = lines.length ? lines.join('\n') : mail.text.trim().slice(0, 1000);
  return `Delivery report from ${mail.from?.address ?? 'an unknown sender'}: ${mail.subject || '(no subject)'}\n\n${gist}`;
};
