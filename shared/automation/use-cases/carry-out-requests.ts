import type { TicketStore } from '#tickets/ports.js';
import type { Log } from '../ports.js';
import { type RequestedActions, type RuleMailer, type RuleWebhooks, ruleTemplateOf } from '../requests.js';

/**
 * A rule application's mails and webhook calls are carried out apart, each by the consumer that
 * already holds its path (docs/automation.md): the mails by `automation-actions` through the
 * notifier, the webhook calls by `webhooks` through the delivery path. Each request is keyed by
 * the `automation.requested` event and its position in the rule's list, so a redelivered record
 * sends and delivers nothing twice; a failed mail throws (the stream retries what is missing),
 * a failed webhook attempt is retried by the webhook sweep like any delivery.
 */
const requestsOf = <A extends 'sendMail' | 'callWebhook'>(requested: RequestedActions, action: A) =>
  requested.requests
    .map((request, index) => ({ request, key: `${requested.event.id}-${index}` }))
    .filter(
      (
        entry,
      ): entry is { request: Extract<RequestedActions['requests'][number], { action: A }>; key: string } =>
        entry.request.action === action,
    );

export interface RuleMailDeps {
  tickets: Pick<TicketStore, 'getTicket'>;
  mailer: RuleMailer;
  log: Log;
}

/** Sends a rule application's mails, in the rule's order, on the ticket as it is now. */
export const sendRuleMails = async (deps: RuleMailDeps, requested: RequestedActions): Promise<number> => {
  const mails = requestsOf(requested, 'sendMail');
  if (mails.length === 0) return 0;
  const ticket = await deps.tickets.getTicket(requested.event.ticketId, { consistent: true });
  if (!ticket) return 0;
  for (const { request, key } of mails) {
    const outcome = await deps.mailer.send({
      ticket,
      key,
      template: ruleTemplateOf(request.template),
      to: request.to,
    });
    deps.log.info('Rule mail', { ticketId: ticket.id, ruleId: requested.ruleId, outcome: outcome.status });
  }
  return mails.length;
};

export interface RuleWebhookDeps {
  tickets: Pick<TicketStore, 'getTicket'>;
  webhooks: RuleWebhooks;
  log: Log;
}

/** Delivers a rule application's webhook calls, each to the hook it names. */
export const callRuleWebhooks = async (
  deps: RuleWebhookDeps,
  requested: RequestedActions,
): Promise<number> => {
  const calls = requestsOf(requested, 'callWebhook');
  if (calls.length === 0) return 0;
  const ticket = await deps.tickets.getTicket(requested.event.ticketId, { consistent: true });
  if (!ticket) return 0;
  for (const { request, key } of calls) {
    const outcome = await deps.webhooks.deliver({
      hookId: request.webhookId,
      deliveryId: key,
      event: requested.event,
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
  return calls.length;
};
