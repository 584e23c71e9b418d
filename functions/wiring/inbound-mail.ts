import { DynamoInboundMailStore } from '#email/adapters/dynamodb-inbound-store.js';
import { rawMailStorage } from '#email/adapters/raw-mail-storage.js';
import { InboundSettings } from '#email/settings.js';
import type { InboundDeps } from '#email/use-cases/deps.js';
import { createSesClient } from '#notifications/adapters/ses-client.js';
import { SesMailer } from '#notifications/adapters/ses-mailer.js';
import { MailSettings } from '#notifications/config.js';
import { readSettings } from '#platform/config.js';
import { api } from './api.js';
import { changeDeps } from './api-changes.js';
import { attachmentDeps } from './attachments.js';

/**
 * The inbound-mail family (docs/inbound-mail.md): the function SES invokes for each received
 * mail (locally: the SMTP server), and the dead-letter routes that retry one. Tickets change
 * through the same use cases and hooks as the API's; files and raw messages through the
 * attachment storage; the only mail it sends itself is the polite answer to an unknown sender.
 */
const settings = readSettings({ mail: MailSettings, inbound: InboundSettings });

const addressOf = (text: string) => (/<([^<>]+)>\s*$/.exec(text)?.[1] ?? text).trim().toLowerCase();

export const inboundDeps: InboundDeps = {
  tickets: changeDeps,
  attachments: attachmentDeps,
  inbound: new DynamoInboundMailStore(api.db, api.tableName),
  raw: rawMailStorage(attachmentDeps.storage),
  mailer: new SesMailer(createSesClient({ endpoint: settings.mail.sesEndpoint }), {
    from: settings.mail.from,
    configurationSet: settings.mail.configurationSet,
    replyTo: settings.mail.replyTo,
  }),
  config: {
    threadDomain: settings.mail.threadDomain,
    ownAddresses: [...new Set([settings.inbound.address, addressOf(settings.mail.from)])],
  },
};
