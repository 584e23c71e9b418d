import { envelope, joinKey, type Key, prefixOf, type QuerySpec } from './key.js';

/**
 * The e-mail channel's items (docs/inbound-mail.md):
 * - ticket reference → ticket id: `REFERENCE#<HD-2026-000042>` / `REFERENCE`, written with the
 *   ticket in its create transaction, so a subject's reference finds its ticket in one GetItem;
 * - e-mail domain → organisation: `MAILDOMAIN#<domain>` / `MAILDOMAIN` (one per domain an
 *   organisation lists), so an unknown sender's organisation is one GetItem;
 * - dead letters (mail that could not be processed): `INBOUND_MAIL` / `DEAD#<ulid>`, listed
 *   oldest first by one Query;
 * - per-sender counters of one hour (mails, automatic replies): `MAILSENDER#<address>` /
 *   `HOUR#<2026-03-02T10>`, expiring through the TTL attribute;
 * - the channel's settings: `CONFIG` / `INBOUND_MAIL`.
 */
const REFERENCE = 'REFERENCE';
const MAIL_DOMAIN = 'MAILDOMAIN';
const INBOUND_MAIL = 'INBOUND_MAIL';
const DEAD = 'DEAD';
const MAIL_SENDER = 'MAILSENDER';
const HOUR = 'HOUR';

const referenceKey = (reference: string): Key => ({
  pk: joinKey(REFERENCE, reference.toUpperCase()),
  sk: REFERENCE,
});
export const ticketReferenceEntity = {
  name: 'ticket-reference',
  key: referenceKey,
  item: (reference: string) => envelope('ticket-reference', referenceKey(reference)),
};

const domainKey = (domain: string): Key => ({
  pk: joinKey(MAIL_DOMAIN, domain.toLowerCase()),
  sk: MAIL_DOMAIN,
});
export const mailDomainEntity = {
  name: 'mail-domain',
  key: domainKey,
  item: (domain: string) => envelope('mail-domain', domainKey(domain)),
};

const deadLetterKey = (id: string): Key => ({ pk: INBOUND_MAIL, sk: joinKey(DEAD, id) });
export const inboundDeadLetterEntity = {
  name: 'inbound-dead-letter',
  key: deadLetterKey,
  item: (id: string) => envelope('inbound-dead-letter', deadLetterKey(id)),
  queries: {
    all: (): QuerySpec => ({ pk: INBOUND_MAIL, skPrefix: prefixOf(DEAD), descending: false }),
  },
};

const senderHourKey = (address: string, hour: string): Key => ({
  pk: joinKey(MAIL_SENDER, address.toLowerCase()),
  sk: joinKey(HOUR, hour),
});
export const mailSenderHourEntity = { name: 'mail-sender-hour', key: senderHourKey };

const settingsKey = (): Key => ({ pk: 'CONFIG', sk: INBOUND_MAIL });
export const inboundSettingsEntity = {
  name: 'inbound-settings',
  key: settingsKey,
  item: () => envelope('inbound-settings', settingsKey()),
};
