import { type Message, Priority, type Ticket } from '#tickets/schemas.js';
import type { FieldValue } from '#tickets/ticket-fields.js';
import { nextDueAt } from '#tickets/use-cases/list-tickets.js';
import type { SearchDocument } from './engine.js';
import type { SegmentAddress } from './ports.js';

/**
 * What of a ticket the index holds (docs/search.md): the ticket's own document (subject and
 * description, the reference as an exact key, and the attributes list filters and sorts read)
 * and one document per message, restricted when it is an internal note.
 */

/** A ticket's segment: its organisation, the month it was created in. */
export const ticketSegment = (ticket: Pick<Ticket, 'orgId' | 'createdAt'>): SegmentAddress => ({
  index: 'tickets',
  scope: ticket.orgId,
  segment: ticket.createdAt.slice(0, 7),
});

/**
 * The same ticket's place in the index of every organisation (staff and integrations): one
 * segment per creation month, whatever the number of organisations (docs/search.md).
 */
export const allOrganisationsSegment = (ticket: Pick<Ticket, 'createdAt'>): SegmentAddress => ({
  index: 'tickets-all',
  scope: ALL_ORGANISATIONS,
  segment: ticket.createdAt.slice(0, 7),
});

/** The scope of the index of every organisation's tickets. */
export const ALL_ORGANISATIONS = 'all';

export interface TicketAttributes {
  orgId: string;
  status: string;
  queue: string;
  assigneeId: string | null;
  requesterId: string;
  priority: string;
  category: string | null;
  tags: string[];
  /** Custom field values; absent in documents indexed before they were kept (docs/search.md). */
  fields?: Readonly<Record<string, FieldValue | null>>;
  createdAt: string;
  updatedAt: string;
  nextDueAt: string | null;
}

/** What the list filters and `sort` read of a ticket, in either engine's index. */
export const ticketAttributes = (ticket: Ticket): TicketAttributes => ({
  orgId: ticket.orgId,
  status: ticket.status,
  queue: ticket.queue,
  assigneeId: ticket.assignee?.id ?? null,
  requesterId: ticket.requester.id,
  priority: ticket.priority,
  category: ticket.category,
  tags: ticket.tags,
  fields: ticket.fields ?? {},
  createdAt: ticket.createdAt,
  updatedAt: ticket.updatedAt,
  nextDueAt: nextDueAt(ticket),
});

export const ticketDocument = (ticket: Ticket): SearchDocument => ({
  id: ticket.id,
  group: ticket.id,
  text: `${ticket.subject}\n${ticket.description}`,
  keys: [ticket.reference],
  version: ticket.version,
  attributes: { ...ticketAttributes(ticket) },
});

/** A message's document, counted for the ticket whose conversation holds it (a merged copy: the target). */
export const messageDocument = (
  ticketId: string,
  message: Pick<Message, 'id' | 'body' | 'internal'>,
): SearchDocument => ({
  id: `${ticketId}/${message.id}`,
  group: ticketId,
  text: message.body,
  ...(message.internal ? { restricted: true } : {}),
});

export const priorityRank = (priority: string): number => Priority.options.indexOf(priority as Priority);
