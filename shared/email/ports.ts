import * as z from 'zod';
import type { Page } from '#platform/ports.js';
import { AUTO_REPLIES_PER_HOUR, MAILS_PER_SENDER_PER_HOUR } from './loops.js';

/** What admins choose for mail from a sender of no known organisation (docs/inbound-mail.md). */
export const UnknownSenders = z.enum(['triage', 'reject']).meta({ id: 'UnknownSenders' });
export type UnknownSenders = z.infer<typeof UnknownSenders>;

export const InboundMailSettings = z
  .strictObject({
    unknownSenders: UnknownSenders.meta({
      description:
        '`triage`: a ticket in the triage queue for staff to sort; `reject`: a polite answer, no ticket',
    }),
    mailsPerSenderPerHour: z
      .int()
      .min(1)
      .max(10_000)
      .optional()
      .meta({
        description: `Mails one sender may send per hour; the rest wait in the dead-letter list (default ${MAILS_PER_SENDER_PER_HOUR})`,
      }),
    autoRepliesPerHour: z
      .int()
      .min(0)
      .max(100)
      .optional()
      .meta({
        description: `Acknowledgements and rejections one sender gets per hour at most (default ${AUTO_REPLIES_PER_HOUR})`,
      }),
  })
  .meta({ id: 'InboundMailSettings' });
export type InboundMailSettings = z.infer<typeof InboundMailSettings>;

export const DEFAULT_INBOUND_SETTINGS: InboundMailSettings = { unknownSenders: 'triage' };

/** The per-sender limits the settings set, or their defaults. */
export const senderLimits = (settings: InboundMailSettings) => ({
  mailsPerHour: settings.mailsPerSenderPerHour ?? MAILS_PER_SENDER_PER_HOUR,
  autoRepliesPerHour: settings.autoRepliesPerHour ?? AUTO_REPLIES_PER_HOUR,
});

/** The envelope the receiving server saw (SMTP `MAIL FROM`/`RCPT TO`, SES's receipt). */
export const Envelope = z.object({
  /** The reverse path; '' for the null sender of a bounce; null when not known. */
  from: z.string().nullable(),
  to: z.array(z.string()),
});
export type Envelope = z.infer<typeof Envelope>;

/** SES's receipt verdicts (absent locally): PASS, FAIL, GRAY, PROCESSING_FAILED, DISABLED. */
export const Verdicts = z.object({
  spf: z.string(),
  dkim: z.string(),
  dmarc: z.string(),
  spam: z.string(),
  virus: z.string(),
});
export type Verdicts = z.infer<typeof Verdicts>;

/** A received mail waiting for someone: its raw message stays in storage under `rawKey`. */
export const DeadLetter = z
  .object({
    id: z.string(),
    rawKey: z.string(),
    receivedAt: z.string(),
    failedAt: z.string(),
    from: z.string().nullable(),
    subject: z.string().nullable(),
    reason: z.string(),
    attempts: z.int().min(1),
    envelope: Envelope,
    verdicts: Verdicts.optional(),
  })
  .meta({ id: 'InboundDeadLetter' });
export type DeadLetter = z.infer<typeof DeadLetter>;

export const DeadLetterPage = z
  .object({ items: z.array(DeadLetter), nextCursor: z.string().nullable() })
  .meta({ id: 'InboundDeadLetterPage' });

export const DeadLetterPathParams = z.strictObject({
  id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a dead-letter id'),
});

/** What processing a mail (again) did. */
export const MailOutcome = z
  .object({
    outcome: z.enum(['created', 'replied', 'bounce-recorded', 'rejected', 'ignored', 'dead-letter']),
    ticketId: z.string().optional(),
    reference: z.string().optional(),
    reason: z.string().optional(),
  })
  .meta({ id: 'InboundMailOutcome' });
export type MailOutcome = z.infer<typeof MailOutcome>;

/**
 * What the kept-mail retry route sends the inbound-mail function (a Lambda invocation; locally
 * the same handler module): the letter it read, processed again there. One schema for both sides.
 */
export const RetryDeadLetterEvent = z.object({ retryDeadLetter: DeadLetter });
export type RetryDeadLetterEvent = z.infer<typeof RetryDeadLetterEvent>;

/**
 * The function that reads mail, seen from the retry route: only it bundles the MIME parser
 * (mailparser with its charset tables, about 1.4 MB), so the route stays a small request path.
 */
export interface MailReceiver {
  /** Processes a kept mail again and answers what it did (a dead letter again when it still fails). */
  retry(letter: DeadLetter): Promise<MailOutcome>;
}

/** The table items of the e-mail channel (shared/platform/table/inbound-mail.ts). */
export interface InboundMailStore {
  /** The ticket a reference names, or null (one GetItem). */
  ticketIdByReference(reference: string): Promise<string | null>;
  /** The organisation that lists this e-mail domain, or null (one GetItem). */
  organisationOfDomain(domain: string): Promise<string | null>;
  settings(): Promise<InboundMailSettings>;
  putSettings(settings: InboundMailSettings): Promise<void>;
  /** Counts one mail of the sender in this hour; resolves to the count including it. */
  countMail(sender: string, hour: string, expiresAt: number): Promise<number>;
  /** Takes one of the sender's automatic replies of this hour: false when `max` are taken. */
  takeAutoReply(sender: string, hour: string, max: number, expiresAt: number): Promise<boolean>;
  putDeadLetter(letter: DeadLetter): Promise<void>;
  getDeadLetter(id: string): Promise<DeadLetter | null>;
  listDeadLetters(limit: number, cursor: string | null): Promise<Page<DeadLetter>>;
  removeDeadLetter(id: string): Promise<void>;
}

/** Where raw messages live: the attachment bucket under `mail/` (S3, the local S3 server). */
export interface RawMailStorage {
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The whole message, or null when there is none. */
  get(key: string): Promise<Uint8Array | null>;
}
