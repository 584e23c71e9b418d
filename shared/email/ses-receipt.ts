import type { SESMessage } from 'aws-lambda';
import type { Verdicts } from './ports.js';
import type { ReceivedMail } from './use-cases/receive-mail.js';

/** The receipt rule's S3 action writes each message under this prefix, named by its SES message id. */
export const RAW_MAIL_KEY_PREFIX = 'mail/';

/** Where SES (or the local SMTP server) stored a message. */
export const rawKeyOf = (messageId: string) => `${RAW_MAIL_KEY_PREFIX}${messageId}`;

/**
 * The received mail an SES receipt event names: the raw message's key, the envelope and SES's
 * verdicts. Verdicts SES did not compute (`DISABLED`: the rule does not scan, as locally) are
 * left out; the cloud's rule always scans (infra/constructs/inbound-mail.ts).
 */
export const receivedFromSes = (ses: SESMessage): ReceivedMail => {
  const { mail, receipt } = ses;
  const verdicts: Verdicts = {
    spf: receipt.spfVerdict.status,
    dkim: receipt.dkimVerdict.status,
    dmarc: receipt.dmarcVerdict.status,
    spam: receipt.spamVerdict.status,
    virus: receipt.virusVerdict.status,
  };
  const scanned = Object.values(verdicts).some((status) => status !== 'DISABLED');
  return {
    rawKey: rawKeyOf(mail.messageId),
    receivedAt: new Date(mail.timestamp).toISOString(),
    envelope: { from: mail.source === '<>' ? '' : mail.source, to: receipt.recipients },
    ...(scanned ? { verdicts } : {}),
  };
};
