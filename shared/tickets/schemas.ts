import * as z from 'zod';
import { TicketStatus } from './status.js';
import { FieldValues } from './ticket-fields.js';
import { Timestamp } from './timestamp.js';
import { Channel, LoggedChannel, Priority } from './vocabulary.js';

/**
 * One zod schema per contract; types are inferred, OpenAPI is generated from these. This module
 * holds what requests are validated with; what is stored and answered (a ticket, a message, an
 * event, their pages) is in ./record-schemas.ts, whose types are re-exported here: a route's
 * handler validates its request without building the response schemas at import. Definitions
 * are marked `@__PURE__`, as in the other schema modules a route imports: esbuild then leaves
 * out of a function's bundle (and its cold start) the schemas that function never uses
 * (docs/performance.md).
 */

export type {
  Author,
  Change,
  EventActor,
  Feedback,
  Message,
  MessageAttachment,
  Ticket,
  TicketEvent,
  TicketView,
  UserRef,
  UserRefView,
} from './record-schemas.js';
export { Channel, LoggedChannel, Priority } from './vocabulary.js';

export const MAX_SUBJECT = 200;
export const MAX_MESSAGE_BYTES = 50 * 1024;
export const MAX_LIMIT = 100;

const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

const slug = (what: string) =>
  z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, `${what} must be 1–40 lowercase letters, digits, '-' or '_'`);

export const QueueId = /* @__PURE__ */ slug('A queue id');
export const OrgId = /* @__PURE__ */ slug('An organisation id');

export const Subject = /* @__PURE__ */ z
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

export const Category = /* @__PURE__ */ z.string().trim().min(1).max(60);
export const Tag = /* @__PURE__ */ z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[\p{L}\p{N}_.:-]+$/u, 'A tag is one word: letters, digits, _ . : -');
export const Tags = /* @__PURE__ */ z.array(Tag).max(20, 'At most 20 tags');

export const CreateTicketBody = /* @__PURE__ */ z
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

export const PatchableStatus = /* @__PURE__ */ z.enum([
  'open',
  'answered',
  'pending',
  'on_hold',
  'postponed',
  'resolved',
  'closed',
]);

export const PatchTicketBody = /* @__PURE__ */ z
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

const AttachmentId = /* @__PURE__ */ z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not an attachment id');

export const MessageBody = /* @__PURE__ */ z
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

export const ResolveBody = /* @__PURE__ */ z
  .strictObject({
    message: LongText('Solution')
      .optional()
      .meta({ description: 'The proposed solution, sent to the client' }),
  })
  .meta({ id: 'Resolve' });

export const ReopenBody = /* @__PURE__ */ z
  .strictObject({
    message: LongText('Message').optional().meta({ description: 'Why the solution did not help' }),
  })
  .meta({ id: 'Reopen' });

export const FeedbackBody = /* @__PURE__ */ z
  .strictObject({
    rating: z.int().min(1, 'rating is 1 to 5').max(5, 'rating is 1 to 5'),
    comment: z.string().trim().max(5000).optional(),
  })
  .meta({ id: 'NewFeedback' });
export type FeedbackBody = z.infer<typeof FeedbackBody>;

const Limit = /* @__PURE__ */ z.coerce
  .number()
  .int('limit must be a whole number')
  .min(1, 'limit must be at least 1')
  .max(MAX_LIMIT, `limit must be at most ${MAX_LIMIT}`)
  .default(25);
const Cursor = /* @__PURE__ */ z.string().min(1).max(2048);

export const PageQuery = /* @__PURE__ */ z.strictObject({ limit: Limit, cursor: Cursor.optional() });
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
export const TicketSort = /* @__PURE__ */ z.enum(ticketSorts);
export type TicketSort = z.infer<typeof TicketSort>;

/** A bound of the searched creation window: an ISO date or a date-time. */
const SearchBound = /* @__PURE__ */ z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'expected an ISO date (2025-03-01) or date-time',
});

export const ListTicketsQuery = /* @__PURE__ */ z.strictObject({
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

export const TicketId = /* @__PURE__ */ z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a ticket id');

export const MergeBody = /* @__PURE__ */ z
  .strictObject({ into: TicketId.meta({ description: 'The ticket this one continues in' }) })
  .meta({ id: 'Merge' });
export type MergeBody = z.infer<typeof MergeBody>;
export const TicketPathParams = /* @__PURE__ */ z.strictObject({ id: TicketId });
export const MessageId = /* @__PURE__ */ z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a message id');
export const MessagePathParams = /* @__PURE__ */ z.strictObject({ id: TicketId, messageId: MessageId });

/** The answer to `DELETE /tickets/{id}` (docs/api.md): the ticket is gone; its remains go after. */
export const TicketDeletion = /* @__PURE__ */ z
  .strictObject({
    id: TicketId,
    reference: z.string(),
    status: z.enum(['deleting', 'deleted']).meta({
      description:
        '`deleting` while its messages, history, files and search entries are being erased; `deleted` once they are',
    }),
  })
  .meta({ id: 'TicketDeletion' });
export type TicketDeletion = z.infer<typeof TicketDeletion>;
