import type { TicketStore } from '#tickets/ports.js';
import type { Log } from '../ports.js';
import { type RequestedActions, type RuleMailer, type RuleWebhooks, ruleTemplateOf } from '../requests.js';

export interface RequestDeps {
  tickets: Pick<TicketStore, 'getTicket'>;
  mailer: RuleMailer;
  webhooks: RuleWebhooks;
  log: Log;
}

/**
 * Carries out one rule application's mails and webhook calls, in the rule's order, on the
 * ticket as it is now. Each is keyed by the `automation.requested` event and its position, so a
 * redelivered record sends and delivers nothing twice; a failed mail throws (the stream retries
 * what is missing), a failed webhook attempt is retried by the webhook sweep like any delivery.
 */
export const carryOutRequests = async (deps: RequestDeps, requested: RequestedActions): Promise<number> => {
  const { event } = requested;
  const ticket = await deps.tickets.getTicket(event.ticketId, { consistent: true });
  if (!ticket) return 0;
  let done = 0;
  for (const [index, request] of requested.requests.entries()) {
    const key = `${event.id}-${index}`;
    if (request.action === 'sendMail') {
      const outcome = await deps.mailer.send({
        ticket,
        key,
        template: ruleTemplateOf(request.template),
        to: request.to,
      });
      deps.log.info('Rule mail', { ticketId: ticket.id, ruleId: requested.ruleId, outcome: outcome.status });
    } else {
      const outcome = await deps.webhooks.deliver({
        hookId: request.webhookId,
        deliveryId: key,
        event,
        ruleEvent: requested.ruleEvent,
        ticket,
      });
      if (outcome === 'no-hook')
        deps.log.warn('A rule called a webhook that does not exist or is turned off', {
          ticketId: ticket.id,
          ruleId: requested.ruleId,
          webhookId: request.webhookId,
        });
    }
    done += 1;
  }
  return done;
};
