import { createHash } from 'node:crypto';
import type { NotificationKey } from './notices.js';

/**
 * Mail threading. Every mail of a ticket names the same thread root in In-Reply-To and
 * References, so mail clients file them in one conversation. The root is synthetic on purpose:
 * SES replaces the Message-ID of every mail it sends with its own, so no sent mail could serve as
 * the root; a reference to a message the reader never received is how ticket systems thread.
 */
export interface ThreadHeaders {
  messageId: string;
  inReplyTo: string;
  references: string[];
}

/** The domain part of a sender address such as `Help desk <support@example.com>`. */
export const domainOfAddress = (address: string): string => {
  const match = /@([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)\s*>?\s*$/.exec(address.trim());
  if (!match?.[1]) throw new Error(`Cannot take a domain from the sender address '${address}'`);
  return match[1].toLowerCase();
};

/** Message-ID local parts allow a restricted alphabet; anything else becomes '-'. */
const token = (text: string) => text.replace(/[^A-Za-z0-9_-]+/g, '-') || '-';

const recipientToken = (email: string) =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 12);

export const threadRoot = (ticketId: string, domain: string): string =>
  `<ticket.${token(ticketId)}@${domain}>`;

/** The same notice for the same recipient always gets the same Message-ID; anything else a different one. */
export const threadHeaders = (
  key: NotificationKey,
  recipientEmail: string,
  domain: string,
): ThreadHeaders => {
  const root = threadRoot(key.ticketId, domain);
  const id = [key.ticketId, key.clock, key.level].map(token).join('.');
  return {
    messageId: `<ticket.${id}.${recipientToken(recipientEmail)}@${domain}>`,
    inReplyTo: root,
    references: [root],
  };
};
