import {
  envelope,
  type IndexName,
  indexKey,
  joinKey,
  type Key,
  prefixOf,
  type QuerySpec,
  SORT_KEY,
} from './key.js';
import { organisationPartition } from './organisation.js';
import { queuePartOf } from './queue.js';

/**
 * A ticket and what lives in its partition `TICKET#<id>`: the ticket (`TICKET`), its messages
 * (`MSG#<ulid>`) and history events (`EVENT#<ulid>`), each collection behind a header item
 * (`MSG#`, `EVENT#`) that sorts before its members and carries the ticket's organisation, so
 * listing a collection checks visibility and reads the first page in one Query, and its
 * feedback (`FEEDBACK`). Notification records share the partition (see notification.ts).
 *
 * Ticket GSIs, each sorted `<createdAt>#<id>` so every list is newest-first with a stable order:
 * gsi1 by organisation · gsi2 by queue then status · gsi3 by assignee · gsi4 by requester ·
 * gsi5 by status · gsi6 all tickets.
 */
const TICKET = 'TICKET';
const MESSAGES = 'MSG';
const EVENTS = 'EVENT';
const FEEDBACK = 'FEEDBACK';
const ASSIGNEE = 'ASSIGNEE';
const REQUESTER = 'REQUESTER';
const STATUS = 'STATUS';
const ALL_TICKETS = 'TICKETS';

const TICKET_ENTITY = 'ticket';
const COLLECTION_HEADER_ENTITY = 'collection';

/** The assignee value of a ticket nobody is assigned to, in its index key and its filter attribute. */
export const UNASSIGNED = 'none';

/** The partition of a ticket and everything that belongs to it. */
export const ticketPartition = (ticketId: string): string => joinKey(TICKET, ticketId);

export interface TicketIndexFields {
  id: string;
  orgId: string;
  queue: string;
  status: string;
  assigneeId: string | null;
  requesterId: string;
  createdAt: string;
}

const byOrganisation = 'gsi1' satisfies IndexName;
const byQueue = 'gsi2' satisfies IndexName;
const byAssignee = 'gsi3' satisfies IndexName;
const byRequester = 'gsi4' satisfies IndexName;
const byStatus = 'gsi5' satisfies IndexName;
const byCreation = 'gsi6' satisfies IndexName;

const assigneePartition = (assigneeId: string | null) => joinKey(ASSIGNEE, assigneeId ?? UNASSIGNED);
const requesterPartition = (requesterId: string) => joinKey(REQUESTER, requesterId);
const statusPartition = (status: string) => joinKey(STATUS, status);
const newestFirst = (ticket: { createdAt: string; id: string }) => joinKey(ticket.createdAt, ticket.id);

const key = (ticketId: string): Key => ({ pk: ticketPartition(ticketId), sk: TICKET });

/** The GSI attributes a ticket item carries, derived from its indexed fields. */
const indexKeys = (ticket: TicketIndexFields): Record<string, string> => {
  const sk = newestFirst(ticket);
  return {
    ...indexKey(byOrganisation, organisationPartition(ticket.orgId), sk),
    ...indexKey(byQueue, queuePartOf(ticket.queue), joinKey(ticket.status, sk)),
    ...indexKey(byAssignee, assigneePartition(ticket.assigneeId), sk),
    ...indexKey(byRequester, requesterPartition(ticket.requesterId), sk),
    ...indexKey(byStatus, statusPartition(ticket.status), sk),
    ...indexKey(byCreation, ALL_TICKETS, sk),
  };
};

export const ticketEntity = {
  name: TICKET_ENTITY,
  key,
  indexKeys,
  item: (ticket: TicketIndexFields) => ({ ...envelope(TICKET_ENTITY, key(ticket.id)), ...indexKeys(ticket) }),
  queries: {
    ofOrganisation: (orgId: string): QuerySpec => ({
      index: byOrganisation,
      pk: organisationPartition(orgId),
    }),
    inQueue: (queue: string, status?: string): QuerySpec => ({
      index: byQueue,
      pk: queuePartOf(queue),
      ...(status ? { skPrefix: prefixOf(status) } : {}),
    }),
    ofAssignee: (assigneeId: string | null): QuerySpec => ({
      index: byAssignee,
      pk: assigneePartition(assigneeId),
    }),
    ofRequester: (requesterId: string): QuerySpec => ({
      index: byRequester,
      pk: requesterPartition(requesterId),
    }),
    withStatus: (status: string): QuerySpec => ({ index: byStatus, pk: statusPartition(status) }),
    all: (): QuerySpec => ({ index: byCreation, pk: ALL_TICKETS }),
  },
};

/** A collection under a ticket (`<PART>#<ulid>`) behind its header item (`<PART>#`). */
const collection = (entity: string, part: string) => {
  const memberKey = (ticketId: string, memberId: string): Key => ({
    pk: ticketPartition(ticketId),
    sk: joinKey(part, memberId),
  });
  const headerKey = (ticketId: string): Key => ({ pk: ticketPartition(ticketId), sk: prefixOf(part) });
  return {
    name: entity,
    key: memberKey,
    item: (ticketId: string, memberId: string) => envelope(entity, memberKey(ticketId, memberId)),
    header: {
      name: COLLECTION_HEADER_ENTITY,
      key: headerKey,
      item: (ticketId: string) => envelope(COLLECTION_HEADER_ENTITY, headerKey(ticketId)),
      /** Whether an item read by `queries.ofTicket` is the header (it sorts first). */
      is: (item: Record<string, unknown>) => item[SORT_KEY] === prefixOf(part),
    },
    queries: {
      /** The header, then the members oldest first. */
      ofTicket: (ticketId: string): QuerySpec => ({
        pk: ticketPartition(ticketId),
        skPrefix: prefixOf(part),
        descending: false,
      }),
    },
  };
};

export const messageEntity = collection('message', MESSAGES);
export const eventEntity = collection('event', EVENTS);

const feedbackKey = (ticketId: string): Key => ({ pk: ticketPartition(ticketId), sk: FEEDBACK });

const FEEDBACK_ENTITY = 'feedback';

export const feedbackEntity = {
  name: FEEDBACK_ENTITY,
  key: feedbackKey,
  item: (ticketId: string) => envelope(FEEDBACK_ENTITY, feedbackKey(ticketId)),
};
