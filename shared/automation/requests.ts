import * as z from 'zod';
import type { StreamChange } from '#platform/stream.js';
import { ticketEventOf } from '#tickets/change-events.js';
import type { Ticket, TicketEvent } from '#tickets/schemas.js';
import type { RuleEvent } from './rule.js';

/**
 * What a rule asked for beyond the ticket (`sendMail`, `callWebhook`), carried out after the
 * commit by the `automation-actions` consumer from the rule's `automation.requested` event
 * (docs/automation.md). Each request is done once per rule application: its key is the event's
 * id and the request's position.
 */
// The shapes rule.ts validated when the rule was saved; read back loosely here so the consumers
// that carry them out do not bundle the rule schemas.
const Requested = z.object({
  ruleId: z.string(),
  /** The event the rule ran on (absent in events recorded before it was stored). */
  event: z.string().optional(),
  requests: z.array(
    z.union([
      z.object({
        action: z.literal('sendMail'),
        template: z.string(),
        to: z.enum(['requester', 'assignee', 'queue']),
      }),
      z.object({ action: z.literal('callWebhook'), webhookId: z.string() }),
      z.object({ action: z.string() }),
    ]),
  ),
});

type Request =
  | { action: 'sendMail'; template: string; to: 'requester' | 'assignee' | 'queue' }
  | { action: 'callWebhook'; webhookId: string };

export interface RequestedActions {
  event: TicketEvent;
  ruleId: string;
  ruleEvent: RuleEvent | null;
  requests: Request[];
}

export const requestedActionsOf = (change: StreamChange): RequestedActions | null => {
  const event = ticketEventOf(change);
  if (event?.type !== 'automation.requested') return null;
  const stored = Requested.safeParse(change.newImage?.notice);
  if (!stored.success) return null;
  return {
    event,
    ruleId: stored.data.ruleId,
    ruleEvent: (stored.data.event as RuleEvent | undefined) ?? null,
    requests: stored.data.requests as Request[],
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
