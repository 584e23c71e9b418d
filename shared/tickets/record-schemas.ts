import * as z from 'zod';
import { Role } from '#identity/role.js';
import { SlaState, SlaView } from './sla-state.js';
import { TicketStatus } from './status.js';
import { FieldValue } from './ticket-fields.js';
import { Timestamp } from './timestamp.js';
import { Channel, Priority } from './vocabulary.js';

/**
 * The schemas of what is stored and answered, apart from the request schemas (./schemas.ts): a
 * ticket, its messages, history events and feedback, and the API's views and pages of them.
 * The OpenAPI document and the change-stream consumers (which parse stored images) use them as
 * values; the request handlers use only their types (`import type`, through ./schemas.ts), so
 * building these schemas is not part of a route's cold start (docs/performance.md).
 */

/** A person on a stored ticket: requester or assignee. */
export const UserRef = z.object({ id: z.string(), email: z.string(), name: z.string() });
export type UserRef = z.infer<typeof UserRef>;

/** A person as the API shows them: clients do not see the e-mail addresses of staff. */
export const UserRefView = z
  .object({
    id: z.string(),
    email: z.string().optional().meta({ description: 'Absent for staff when a client asks' }),
    name: z.string(),
  })
  .meta({ id: 'UserRef', description: 'A person: requester or assignee' });
export type UserRefView = z.infer<typeof UserRefView>;

export const Ticket = z
  .object({
    id: z.string(),
    reference: z.string().meta({ example: 'HD-2026-000042' }),
    subject: z.string(),
    description: z.string(),
    status: TicketStatus,
    priority: Priority,
    category: z.string().nullable(),
    tags: z.array(z.string()),
    queue: z.string(),
    orgId: z.string(),
    requester: UserRef,
    assignee: UserRef.nullable(),
    channel: Channel,
    version: z.int().min(1),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    sla: SlaState,
    mergedInto: z
      .string()
      .optional()
      .meta({ description: 'Set when the ticket was merged: the id of the ticket it continues in' }),
    followUpOf: z.string().optional().meta({
      description: 'Set on a ticket opened by a mail answering a closed ticket: the id of that ticket',
    }),
    postponedUntil: Timestamp.optional().meta({
      description: 'Set while the ticket is `postponed`: when it goes back to `open` by itself',
    }),
    fields: z.record(z.string(), FieldValue).optional().meta({
      description: 'Custom field values by field id (GET /ticket-fields); absent when none',
    }),
    noAutoReply: z.literal(true).optional().meta({
      description:
        'Set on a ticket opened by an automatic mail (or a sender over the auto-reply budget): no acknowledgement is mailed',
    }),
  })
  .meta({ description: 'A ticket as stored, with the SLA engine bookkeeping; the API shows a TicketView' });
export type Ticket = z.infer<typeof Ticket>;

/** A ticket as the API returns it (view.ts maps a stored ticket for the caller). */
export const TicketView = Ticket.extend({
  requester: UserRefView,
  assignee: UserRefView.nullable(),
  sla: SlaView,
}).meta({ id: 'Ticket' });
export type TicketView = z.infer<typeof TicketView>;

export const Author = z.object({
  id: z.string(),
  name: z.string(),
  role: z.union([Role, z.literal('integrator')]),
});
export type Author = z.infer<typeof Author>;

/** A file that came with a message, as the message lists it (the file itself: GET …/attachments/{id}). */
export const MessageAttachment = z
  .object({ id: z.string(), fileName: z.string(), contentType: z.string(), size: z.int() })
  .meta({ id: 'MessageAttachment' });
export type MessageAttachment = z.infer<typeof MessageAttachment>;

export const Message = z
  .object({
    id: z.string(),
    ticketId: z.string(),
    author: Author,
    body: z.string(),
    internal: z.boolean(),
    channel: Channel,
    createdAt: Timestamp,
    attachments: z.array(MessageAttachment).optional().meta({ description: 'Absent when none' }),
    origin: z
      .object({ ticketId: z.string(), reference: z.string() })
      .optional()
      .meta({ description: 'Set on a message that came with a merged ticket: the ticket it was written on' }),
    original: z.string().optional().meta({
      description:
        'Set on a message from a mail whose quoted history or signature was taken off: the whole text as received ("show original")',
    }),
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof Message>;

export const Change = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });
export type Change = z.infer<typeof Change>;

export const EventActor = z.union([
  Author,
  z.object({ id: z.literal('system'), name: z.string(), role: z.literal('system') }),
]);
export type EventActor = z.infer<typeof EventActor>;

export const TicketEvent = z
  .object({
    id: z.string(),
    ticketId: z.string(),
    type: z.string().meta({ example: 'ticket.updated' }),
    actor: EventActor,
    at: Timestamp,
    changes: z.array(Change),
    internal: z.boolean().meta({ description: 'Internal events (notes) are shown to staff only' }),
    note: z.string().optional(),
  })
  .meta({ id: 'TicketEvent' });
export type TicketEvent = z.infer<typeof TicketEvent>;

export const Feedback = z
  .object({
    ticketId: z.string(),
    rating: z.int(),
    comment: z.string().nullable(),
    createdAt: Timestamp,
    author: Author,
  })
  .meta({ id: 'Feedback' });
export type Feedback = z.infer<typeof Feedback>;

export const page = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });

export const TicketPage = z
  .object({
    items: z.array(TicketView),
    nextCursor: z.string().nullable(),
    searched: z.object({ createdFrom: Timestamp, createdTo: Timestamp }).optional().meta({
      description:
        'With `q`: the creation window searched, both ends included (tickets created outside it were not searched; widen it with `createdFrom`)',
    }),
  })
  .meta({ id: 'TicketPage' });
export const MessagePage = page(Message, 'MessagePage');
export const EventPage = page(TicketEvent, 'EventPage');
