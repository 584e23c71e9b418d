/**
 * Which ticket a mail continues (docs/inbound-mail.md, Threading): the reference in the subject
 * (`[HD-2026-000042]`, wherever `Re:`/`AW:`/`Odp:`/`Vs:`/`Fwd:` put it), or a Message-ID the
 * product sent for a ticket in `In-Reply-To`/`References` (shared/notifications/threading.ts
 * writes `<ticket.<ticketId>[.<notice>…]@<domain>>`, and only ids of our own domain count).
 */

const REFERENCE = /\[(HD-\d{4}-\d{6,9})\]/i;

/** The ticket reference a subject carries in brackets, upper-cased; null when none. */
export const referenceInSubject = (subject: string): string | null =>
  REFERENCE.exec(subject)?.[1]?.toUpperCase() ?? null;

/** Ticket ids named by the product's Message-IDs among `ids` (newest reference first), without repeats. */
export const ticketIdsInThread = (ids: readonly string[], domain: string): string[] => {
  const found: string[] = [];
  const wanted = domain.toLowerCase();
  for (const id of [...ids].reverse()) {
    const match = /^<ticket\.([0-9A-Za-z_-]{1,64})(?:\.[^@>]*)?@([^>]+)>$/.exec(id);
    if (!match?.[1] || match[2]?.toLowerCase() !== wanted) continue;
    if (!found.includes(match[1])) found.push(match[1]);
  }
  return found;
};

/** Ticket ids named anywhere in a text (a bounce's returned headers), our domain only. */
export const ticketIdsInText = (text: string, domain: string): string[] =>
  ticketIdsInThread(
    [...text.matchAll(/<ticket\.[0-9A-Za-z_.-]{1,200}@[A-Za-z0-9.-]{1,200}>/g)]
      .map((match) => match[0])
      .reverse(),
    domain,
  );

const REPLY_PREFIX = /^\s*(?:(?:re|aw|wg|fw|fwd|odp|pd|vs|vast|sv|tr|antw|rif|r)\s*(?:\[\d+\])?\s*:\s*)+/i;

/** A new ticket's subject: reply and forward prefixes and our reference taken off, never empty. */
export const subjectForTicket = (subject: string, fallback: string): string => {
  const cleaned = subject.replace(REFERENCE, ' ').replace(REPLY_PREFIX, '').replace(/\s+/g, ' ').trim();
  return (cleaned || fallback).slice(0, 200);
};
