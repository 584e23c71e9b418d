import type { Caller } from '#identity/caller.js';
import type { FilterPattern } from '#platform/stream.js';
import { webhookEntity } from '#platform/table/webhook.js';
import { type TicketEventType, ticketEventInserts } from '#tickets/change-events.js';
import { type Change, type Message, MessageId, type Ticket, type TicketEvent } from '#tickets/schemas.js';
import { eventView, ticketView } from '#tickets/view.js';
import type { WebhookEventType } from './webhook.js';

/**
 * Which webhook type a ticket event is delivered as (docs/webhooks.md). Events the product
 * records but integrators are not offered (feedback, SLA reminders and escalations) have none.
 */
const typeOf: Partial<Record<TicketEventType, WebhookEventType>> = {
  'ticket.created': 'ticket.created',
  'ticket.updated': 'ticket.updated',
  'ticket.reopened': 'ticket.updated',
  'sla.requeued': 'ticket.updated',
  'message.added': 'message.created',
  'note.added': 'message.created',
  'ticket.resolved': 'ticket.resolved',
  'ticket.accepted': 'ticket.closed',
  'sla.auto-closed': 'ticket.closed',
  'sla.breached': 'sla.breached',
};

/**
 * What the `webhooks` consumer receives from the stream: inserted ticket events of the types
 * above, and a hook's own change when it is turned off for failing (admins are mailed).
 */
export const webhookConsumerFilters: readonly FilterPattern[] = [
  ticketEventInserts(Object.keys(typeOf) as TicketEventType[]),
  // An automation rule's `callWebhook` (docs/automation.md).
  ticketEventInserts(['automation.requested']),
  {
    eventName: ['MODIFY'],
    dynamodb: { NewImage: { entity: { S: [webhookEntity.name] }, disabledReason: { S: ['failing'] } } },
  },
];

/** The hook a stream change turned off for failing, or null. */
export const disabledHookOf = (change: {
  newImage: Record<string, unknown> | null;
  oldImage: Record<string, unknown> | null;
}): string | null => {
  const hook = change.newImage;
  if (hook?.entity !== webhookEntity.name || hook.disabledReason !== 'failing') return null;
  if (change.oldImage?.disabledReason === 'failing') return null;
  return typeof hook.id === 'string' ? hook.id : null;
};

/** Events whose `note` names a message (the rest carry a text there). */
const namesAMessage = new Set<string>(['message.added', 'note.added', 'ticket.resolved', 'ticket.reopened']);

export interface WebhookEvent {
  type: WebhookEventType;
  /**
   * Only for staff-scoped hooks (`includeInternal`): internal notes and the other internal
   * history events. A breach is internal in the history, but what it delivers (the ticket's
   * public view, the clock and time) is what a client sees of the ticket anyway.
   */
  staffOnly: boolean;
}

export const webhookEventOf = (event: TicketEvent): WebhookEvent | null => {
  const type = typeOf[event.type as TicketEventType];
  if (!type) return null;
  return { type, staffOnly: event.internal && event.type !== 'sla.breached' };
};

/** The id of the message an event names, if it names one. */
export const messageIdOf = (event: TicketEvent): string | null =>
  namesAMessage.has(event.type) && event.note && MessageId.safeParse(event.note).success ? event.note : null;

/** Who a payload is written for: a hook sees the ticket as an integrator would, staff-scoped ones as staff. */
export type Audience = 'public' | 'staff';

const viewers: Record<Audience, Caller> = {
  public: { kind: 'integrator', id: 'webhook', scopes: ['tickets.read'] },
  staff: {
    kind: 'user',
    id: 'webhook',
    email: '',
    name: 'webhook',
    role: 'admin',
    orgId: null,
    locale: 'en',
    timeZone: 'UTC',
  },
};

export interface WebhookPayload {
  id: string;
  type: WebhookEventType;
  occurredAt: string;
  data: {
    ticket: ReturnType<typeof ticketView>;
    message?: Message;
    changes?: Change[];
  };
}

/**
 * The JSON body of a delivery: `{id, type, occurredAt, data}` with the ticket's public view, the
 * message (message.created, and the solution or reason of a resolve or reopen), the field
 * changes (ticket.updated). A public payload never carries an internal note.
 */
export const payloadOf = (input: {
  event: TicketEvent;
  type: WebhookEventType;
  ticket: Ticket;
  message: Message | null;
  audience: Audience;
}): WebhookPayload => {
  const viewer = viewers[input.audience];
  const message =
    input.message && (!input.message.internal || input.audience === 'staff') ? input.message : null;
  const changes = input.type === 'ticket.updated' ? eventView(input.event, viewer).changes : null;
  return {
    id: input.event.id,
    type: input.type,
    occurredAt: input.event.at,
    data: {
      ticket: ticketView(input.ticket, viewer),
      ...(message ? { message } : {}),
      ...(changes ? { changes } : {}),
    },
  };
};
