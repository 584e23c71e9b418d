import * as z from 'zod';
import { Role } from '#identity/role.js';
import { SlaState, SlaView } from './sla-state.js';
import { TicketStatus } from './status.js';
import { FieldValue, FieldValues } from './ticket-fields.js';
import { Timestamp } from './timestamp.js';

/** One zod schema per contract; types are inferred, OpenAPI is generated from these. */

export const MAX_SUBJECT = 200;
export const MAX_MESSAGE_BYTES = 50 * 1024;
export const MAX_LIMIT = 100;

const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

export const Priority = z.enum(['low', 'normal', 'high', 'urgent']).meta({ id: 'Priority' });
export type Priority = z.infer<typeof Priority>;

export const Channel = z.enum(['web', 'email', 'api', 'phone', 'chat']).meta({ id: 'Channel' });
export type Channel = z.infer<typeof Channel>;

/** The channels staff log a conversation from by hand (a call, a chat transcript); e-mail arrives by itself. */
export const LoggedChannel = z.enum(['web', 'phone', 'chat']).meta({ id: 'LoggedChannel' });
export type LoggedChannel = z.infer<typeof LoggedChannel>;

const slug = (what: string) =>
  z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, `${what} must be 1–40 lowercase letters, digits, '-' or '_'`);

export const QueueId = slug('A queue id');
export const OrgId = slug('An organisation id');

export const Subject = z
  .string()
  .trim()
  .min(1, 'Subject must not be empty')
  .max(MAX_SUBJECT, `Subject must be at most ${MAX_SUBJECT} characters`);

export const LongText = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} must not be empty`)
    .refine((text) => utf8Bytes(text) <= MAX_MESSAGE_BYTES, `${what} must be at most 50 KB`);

export const Category = z.string().trim().min(1).max(60);
export const Tag = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[\p{L}\p{N}_.:-]+$/u, 'A tag is one word: letters, digits, _ . : -');
export const Tags = z.array(Tag).max(20, 'At most 20 tags');

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

export const CreateTicketBody = z
  .strictObject({
    subject: Subject,
    description: LongText('Description'),
    priority: Priority.optional(),
    category: Category.nullable().optional(),
    tags: Tags.optional(),
    queue: QueueId.optional(),
    channel: Channel.optional(),
    orgId: OrgId.optional().meta({
      description: 'Required when staff or an integrator opens a ticket for a client',
    }),
    requester: z
      .strictObject({ email: z.email(), name: z.string().trim().min(1).max(100).optional() })
      .optional()
      .meta({ description: 'Staff and integrators: the client the ticket is opened for' }),
    fields: FieldValues.optional(),
  })
  .meta({ id: 'CreateTicket' });
export type CreateTicketBody = z.infer<typeof CreateTicketBody>;

export const PatchableStatus = z.enum([
  'open',
  'answered',
  'pending',
  'on_hold',
  'postponed',
  'resolved',
  'closed',
]);

export const PatchTicketBody = z
  .strictObject({
    subject: Subject.optional(),
    description: LongText('Description').optional(),
    status: PatchableStatus.optional(),
    priority: Priority.optional(),
    queue: QueueId.optional(),
    assignee: z
      .string()
      .min(1)
      .max(128)
      .nullable()
      .optional()
      .meta({ description: "A user id, 'me', or null to unassign" }),
    category: Category.nullable().optional(),
    tags: Tags.optional(),
    orgId: OrgId.optional().meta({
      description:
        'Staff, on a ticket of the `triage` organisation (mail from an unknown sender) only: the organisation it belongs to; its requester becomes a client contact of it',
    }),
    fields: FieldValues.optional().meta({
      description: 'Custom field values to set (null removes one); validated against GET /ticket-fields',
    }),
    postponedUntil: Timestamp.optional().meta({
      description:
        'Required with `status: postponed` (and may move the date of a postponed ticket): when the ticket goes back to `open` by itself; in the future',
    }),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Give at least one field to change' })
  .meta({ id: 'PatchTicket' });
export type PatchTicketBody = z.infer<typeof PatchTicketBody>;

/** At most this many files go with one message (docs/attachments.md). */
export const MAX_MESSAGE_ATTACHMENTS = 10;

const AttachmentId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not an attachment id');

export const MessageBody = z
  .strictObject({
    body: LongText('Message').optional().meta({ description: 'Required unless files are attached' }),
    internal: z.boolean().optional().meta({ description: 'An internal note, visible to staff only' }),
    channel: LoggedChannel.optional().meta({
      description:
        'Staff: where the conversation took place (a phone call, a chat transcript); `web` when absent',
    }),
    attachmentIds: z
      .array(AttachmentId)
      .min(1, 'Give at least one attachment id, or leave the field out')
      .max(MAX_MESSAGE_ATTACHMENTS, `At most ${MAX_MESSAGE_ATTACHMENTS} attachments per message`)
      .refine((ids) => new Set(ids).size === ids.length, 'An attachment is listed twice')
      .optional()
      .meta({
        description:
          'Uploaded and verified attachments of this ticket that no message took yet (POST /tickets/{id}/attachments)',
      }),
  })
  .refine((body) => body.body !== undefined || body.attachmentIds !== undefined, {
    message: 'Message must not be empty',
    path: ['body'],
  })
  .meta({ id: 'NewMessage' });
export type MessageBody = z.infer<typeof MessageBody>;

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

export const ResolveBody = z
  .strictObject({
    message: LongText('Solution')
      .optional()
      .meta({ description: 'The proposed solution, sent to the client' }),
  })
  .meta({ id: 'Resolve' });

export const ReopenBody = z
  .strictObject({
    message: LongText('Message').optional().meta({ description: 'Why the solution did not help' }),
  })
  .meta({ id: 'Reopen' });

export const FeedbackBody = z
  .strictObject({
    rating: z.int().min(1, 'rating is 1 to 5').max(5, 'rating is 1 to 5'),
    comment: z.string().trim().max(5000).optional(),
  })
  .meta({ id: 'NewFeedback' });
export type FeedbackBody = z.infer<typeof FeedbackBody>;

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

const Limit = z.coerce
  .number()
  .int('limit must be a whole number')
  .min(1, 'limit must be at least 1')
  .max(MAX_LIMIT, `limit must be at most ${MAX_LIMIT}`)
  .default(25);
const Cursor = z.string().min(1).max(2048);

export const PageQuery = z.strictObject({ limit: Limit, cursor: Cursor.optional() });
export type PageQuery = z.infer<typeof PageQuery>;

export const ticketSorts = [
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'priority',
  '-priority',
  'nextDueAt',
  '-nextDueAt',
] as const;
export const TicketSort = z.enum(ticketSorts);
export type TicketSort = z.infer<typeof TicketSort>;

/** A bound of the searched creation window: an ISO date or a date-time. */
const SearchBound = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'expected an ISO date (2025-03-01) or date-time',
});

export const ListTicketsQuery = z.strictObject({
  status: TicketStatus.optional(),
  queue: QueueId.optional(),
  assignee: z.string().min(1).max(128).optional().meta({ description: "A user id, 'me' or 'none'" }),
  requester: z.string().min(1).max(128).optional().meta({ description: "A user id or 'me'" }),
  priority: Priority.optional(),
  category: Category.optional(),
  tag: Tag.optional(),
  field: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}:.{1,200}$/, 'field is <field id>:<value>')
    .optional()
    .meta({
      description:
        "A custom field value, `<field id>:<value>` (e.g. `contract:gold`, `seats:20`), applied within the list's one Query like `tag`",
    }),
  q: z.string().trim().min(1).max(200).optional().meta({
    description:
      'The reference exactly, or words (each a prefix, case and accents ignored) that must all appear in the subject, the description or a message the caller may see (staff: internal notes too). With `q` the results come by relevance unless `sort` is given, and `sort` orders all matches',
  }),
  createdFrom: SearchBound.optional().meta({
    description:
      'With `q` only: search tickets created from this date (`2025-03-01`) or time on. Default: the first day of the month eleven months before `createdTo`. The window spans at most 24 months; the answer says it in `searched`',
  }),
  createdTo: SearchBound.optional().meta({
    description:
      'With `q` only: search tickets created up to this date (the whole day) or time. Default: now',
  }),
  sort: TicketSort.optional().meta({
    description:
      '`createdAt` (oldest first) or `-createdAt` (newest first, the default without `q`) order the whole list through the index; `updatedAt`, `priority` and `nextDueAt` (the earliest SLA deadline, tickets without one last), with `-` for descending, order the tickets of each page, pages still following the creation order. With `q`: relevance unless given',
  }),
  limit: Limit,
  cursor: Cursor.optional(),
});
export type ListTicketsQuery = z.infer<typeof ListTicketsQuery>;

export const TicketId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a ticket id');

export const MergeBody = z
  .strictObject({ into: TicketId.meta({ description: 'The ticket this one continues in' }) })
  .meta({ id: 'Merge' });
export type MergeBody = z.infer<typeof MergeBody>;
export const TicketPathParams = z.strictObject({ id: TicketId });
export const MessageId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a message id');
export const MessagePathParams = z.strictObject({ id: TicketId, messageId: MessageId });

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
