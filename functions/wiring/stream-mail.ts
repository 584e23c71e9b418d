import type { ChangeMailDeps } from '#notifications/change-mail.js';
import { autoCloseAtOf } from '#sla/engine.js';
import { mailConsumerWiring } from './mail-consumers.js';

/**
 * The mail consumer's wiring (`stream-mail`): the ticket store it reads the ticket and message
 * from, and the notifier (notification records in the table, SES), built once per container.
 */
const { adapters, notifier } = mailConsumerWiring();

export const changeMailDeps: ChangeMailDeps = {
  tickets: adapters.store,
  notifier,
  autoCloseAt: autoCloseAtOf,
};
