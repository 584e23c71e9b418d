import { idempotencyEntity } from '#platform/table/idempotency.js';
import {
  eventEntity,
  feedbackEntity,
  messageEntity,
  ticketEntity,
  UNASSIGNED,
} from '#platform/table/ticket.js';
import type { IdempotencyRecord, StoredEvent } from '../ports.js';
import type { Feedback, Message, Ticket, TicketEvent } from '../schemas.js';

/**
 * How tickets and what belongs to them are stored as items and read back. A ticket item also
 * carries flat `assigneeId`, `requesterId` and `search` attributes, which list filters test.
 */

const searchText = (ticket: Ticket): string =>
  `${ticket.reference} ${ticket.subject} ${ticket.description.slice(0, 2000)}`.toLowerCase();

export const ticketItem = (ticket: Ticket): Record<string, unknown> => ({
  ...ticketEntity.item({
    id: ticket.id,
    orgId: ticket.orgId,
    queue: ticket.queue,
    status: ticket.status,
    assigneeId: ticket.assignee?.id ?? null,
    requesterId: ticket.requester.id,
    createdAt: ticket.createdAt,
  }),
  ...ticket,
  assigneeId: ticket.assignee?.id ?? UNASSIGNED,
  requesterId: ticket.requester.id,
  search: searchText(ticket),
});

export const eventItem = (ticketId: string, event: StoredEvent): Record<string, unknown> => ({
  ...eventEntity.item(ticketId, event.id),
  ...event,
});

export const messageItem = (ticketId: string, message: Message): Record<string, unknown> => ({
  ...messageEntity.item(ticketId, message.id),
  ...message,
});

export const feedbackItem = (ticketId: string, feedback: Feedback): Record<string, unknown> => ({
  ...feedbackEntity.item(ticketId),
  ...feedback,
});

export const idempotencyItem = (record: IdempotencyRecord): Record<string, unknown> => ({
  ...idempotencyEntity.item(record.scope, record.key),
  ...record,
});

export const toTicket = (item: Record<string, unknown>): Ticket => {
  const {
    id,
    reference,
    subject,
    description,
    status,
    priority,
    category,
    tags,
    queue,
    orgId,
    requester,
    assignee,
    channel,
    version,
    createdAt,
    updatedAt,
    sla,
    mergedInto,
    followUpOf,
    noAutoReply,
    postponedUntil,
    fields,
  } = item as unknown as Ticket;
  return {
    id,
    reference,
    subject,
    description,
    status,
    priority,
    category: category ?? null,
    tags: tags ?? [],
    queue,
    orgId,
    requester,
    assignee: assignee ?? null,
    channel,
    version,
    createdAt,
    updatedAt,
    sla,
    ...(mergedInto ? { mergedInto } : {}),
    ...(followUpOf ? { followUpOf } : {}),
    ...(noAutoReply ? { noAutoReply } : {}),
    ...(postponedUntil ? { postponedUntil } : {}),
    ...(fields && Object.keys(fields).length ? { fields } : {}),
  };
};

export const toMessage = (item: Record<string, unknown>): Message => {
  const { id, ticketId, author, body, internal, channel, createdAt, origin, attachments, original } =
    item as unknown as Message;
  return {
    id,
    ticketId,
    author,
    body,
    internal,
    channel,
    createdAt,
    ...(origin ? { origin } : {}),
    ...(attachments?.length ? { attachments } : {}),
    ...(original !== undefined ? { original } : {}),
  };
};

export const toEvent = (item: Record<string, unknown>): TicketEvent => {
  const { id, ticketId, type, actor, at, changes, internal, note } = item as unknown as TicketEvent;
  return {
    id,
    ticketId,
    type,
    actor,
    at,
    changes: changes ?? [],
    internal: internal ?? false,
    ...(note ? { note } : {}),
  };
};

export const toFeedback = (ticketId: string, item: Record<string, unknown>): Feedback => {
  const { rating, comment, createdAt, author } = item as unknown as Feedback;
  return { ticketId, rating, comment, createdAt, author };
};

export const toIdempotencyRecord = (
  scope: string,
  key: string,
  item: Record<string, unknown>,
): IdempotencyRecord => {
  const { bodyHash, ticketId, messageId, expiresAt } = item as unknown as IdempotencyRecord;
  return { scope, key, bodyHash, ticketId, ...(messageId ? { messageId } : {}), expiresAt };
};
