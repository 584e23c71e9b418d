import { slaMailThrough } from '#notifications/sla-mail.js';
import { mailConsumerWiring } from './mail-consumers.js';

/** The sla-notices consumer's wiring (family `stream-mail`): the ticket store and the SLA mail through the notifier. */
const { adapters, notifier } = mailConsumerWiring();

export const slaNotices = {
  store: adapters.store,
  mail: slaMailThrough(notifier),
};
