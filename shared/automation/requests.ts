import * as z from 'zod';
import type { StreamChange } from '#platform/stream.js';
import { ticketEventOf } from '#tickets/change-events.js';
import type { Ticket, TicketEvent } from '#tickets/schemas.js';
import { Action, RuleEvent } from './rule.js';

/**
 * What a rule asked for beyond the ticket (`sendMail`, `callWebhook`), carried out after the
 * commit by the `automation-actions` consumer from the rule's `automation.requested` event
 * (docs/automation.md). Each request is done once per rule application: its key is the event's
 * id and the request's position.
 */
const Requested = z.object({
  ruleId: z.string(),
  /** The event the rule ran on (absent in events recorded before it was stored). */
  event: RuleEvent.optional(),
  requests: z.array(Action),
});

export interface RequestedActions {
  event: TicketEvent;
  ruleId: string;
  ruleEvent: RuleEvent | null;
  requests: Extract<Action, { action: 'sendMail' | 'callWebhook' }>[];
}

export const requestedActionsOf = (change: StreamChange): RequestedActions | null => {
  const event = ticketEventOf(change);
  if (event?.type !== 'automation.requested') return null;
  const stored = Requested.safeParse(change.newImage?.notice);
  if (!stored.success) return null;
  return {
    event,
    ruleId: stored.data.ruleId,
    ruleEvent: stored.data.event ?? null,
    requests: stored.data.requests.filter(
      (request): request is RequestedActions['requests'][number] =>
        request.action === 'sendMail' || request.action === 'callWebhook',
    ),
  };
};

/** `template` names `rule.<name>`; a bare `<name>` means the same template. */
export const ruleTemplateOf = (template: string): string =>
  template.startsWith('rule.') ? template : `rule.${template}`;

/** The mail a rule sends: the template to the recipients, once per key. */
export interface RuleMailer {
  send(input: {
    ticket: Ticket;
    /** Unique per rule application and request: a second call sends nothing. */
    key: string;
    template: string;
    to: 'requester' | 'assignee' | 'queue';
  }): Promise<{ status: string }>;
}

/** The webhook call a rule makes: the ticket event, through the webhook delivery path. */
export interface RuleWebhooks {
  deliver(input: {
    hookId: string;
    /** Unique per rule application and request: a second call delivers nothing. */
    deliveryId: string;
    event: TicketEvent;
    ruleEvent: RuleEvent | null;
    ticket: Ticket;
  }): Promise<'sent' | 'already-sent' | 'no-hook'>;
}
