import type { RuleMailDeps } from '#automation/use-cases/carry-out-requests.js';
import { logger } from '#platform/logger.js';
import { mailConsumerWiring } from './mail-consumers.js';

/**
 * The `automation-actions` consumer's wiring (family stream-mail): rule mails through the
 * notifier the other mails use (notification records make each one exactly once).
 */
const { adapters, notifier } = mailConsumerWiring();

export const ruleMailDeps: RuleMailDeps = {
  tickets: adapters.store,
  log: logger,
  mailer: {
    send: ({ ticket, key, template, to }) =>
      notifier.notify({
        key: { ticketId: ticket.id, clock: 'rule', level: key },
        ticket,
        notice: { kind: 'rule', template, to },
      }),
  },
};
