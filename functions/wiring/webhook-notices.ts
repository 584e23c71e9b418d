import { withCachedStaffLists } from '#identity/adapters/cached-staff-directory.js';
import { createSesClient } from '#notifications/adapters/ses-client.js';
import { SesMailer } from '#notifications/adapters/ses-mailer.js';
import { MailSettings } from '#notifications/config.js';
import { readSettings } from '#platform/config.js';
import type { DisabledNoticeDeps } from '#webhooks/use-cases/notify-disabled.js';
import { adapters, store } from './webhook-delivery.js';

/**
 * The mail that tells admins a hook was turned off (family webhook-delivery, only the `webhooks`
 * stream consumer sends it): on the delivery wiring's table adapters, read once per container.
 */
const { mail } = readSettings({ mail: MailSettings });

export const disabledNoticeDeps: DisabledNoticeDeps = {
  store,
  users: withCachedStaffLists(adapters.users, adapters.clock),
  mailer: new SesMailer(createSesClient({ endpoint: mail.sesEndpoint }), {
    from: mail.from,
    configurationSet: mail.configurationSet,
    replyTo: mail.replyTo,
  }),
  mailDomain: mail.threadDomain,
};
