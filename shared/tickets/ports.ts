import type { Page } from '#platform/ports.js';
import type { Feedback, Message, MessageAttachment, Ticket, TicketEvent } from './schemas.js';

export interface IdempotencyRecord {
  scope: string;
  key: string;
  bodyHash: string;
  ticketId: string;
  /** Set when the key was given to a reply: the message it created. */
  messageId?: string;
  /** Epoch seconds after which DynamoDB TTL may delete the record. */
  expiresAt: number;
}

/**
 * Everything that happens to a ticket in one request, written atomically: the new ticket
 * state (conditioned on the version it was read at), its history events and whatever
 * items came with the change.
 */
/**
 * A history event as the store writes it: the API's `TicketEvent`, plus `notice`, data only the
 * change stream's consumers read (the SLA notice a check decided; the API's schemas strip it).
 */
export type StoredEvent = TicketEvent & { notice?: unknown };

export interface TicketChange {
  ticket: Ticket;
  /** The state the change was computed from; null when the ticket is new. */
  previous: Ticket | null;
  events: StoredEvent[];
  messages?: Message[];
  feedback?: Feedback;
  idempotency?: IdempotencyRecord;
  /**
   * Set by a use case when the caller gave no If-Match: if the change leaves every ticket field
   * but `version` and `updatedAt` as it was (a message, a note), it is written without the
   * version condition, so concurrent replies never fail each other (see `onlyAppends`).
   */
  appendWithoutVersion?: boolean;
  /**
   * Set by auto-assignment (docs/routing.md): the assignee takes the ticket only while they have
   * fewer than `capacity` open tickets, checked on their routing counter in the same transaction
   * (AssigneeAtCapacity otherwise). Assignments by people carry no limit.
   */
  capacityCheck?: { assigneeId: string; capacity: number };
  /** Set on the last try after assignments kept losing races: the change is written unassigned. */
  skipAutoAssign?: boolean;
}

/** Raised by TicketStore.commit when the `capacityCheck` assignee reached their capacity meanwhile. */
export class AssigneeAtCapacity extends Error {
  constructor(readonly assigneeId: string) {
    super(`Agent ${assigneeId} reached their capacity meanwhile`);
  }
}

/** Whether the change only adds items: the ticket's fields other than version and updatedAt are unchanged. */
export const onlyAppends = (change: TicketChange): boolean => {
  const { previous, ticket } = change;
  if (!previous || change.feedback || change.idempotency) return false;
  // The last public message's time (idleness, docs/automation.md) moves with an append too.
  const strip = ({ version: _v, updatedAt: _u, sla, ...fields }: Ticket) => ({
    ...fields,
    sla: { ...sla, lastPublicMessageAt: undefined },
  });
  return JSON.stringify(strip(previous)) === JSON.stringify(strip(ticket));
};

export type TicketIndex =
  | { by: 'organisation'; orgId: string }
  | { by: 'queue'; queue: string; status?: string }
  | { by: 'assignee'; assigneeId: string | null }
  | { by: 'requester'; requesterId: string }
  | { by: 'status'; status: string }
  | { by: 'all' };

export interface TicketFilters {
  status?: string;
  queue?: string;
  assigneeId?: string | null;
  requesterId?: string;
  orgId?: string;
  priority?: string;
  category?: string;
  tag?: string;
  /** A custom field's value (`field=<id>:<value>` of the list). */
  field?: { id: string; value: string };
  text?: string;
}

/**
 * Full-text search over tickets (docs/search.md): the ids of the tickets whose reference is
 * the text, or that hold every word of it (subject, description, messages; notes only with
 * `includeInternal`), best first unless `sort` names an order. The wiring fills it from
 * shared/search; the matches are re-checked against the tickets as read (the index follows
 * the change stream, so it may lag a change by a moment).
 */
export interface TicketSearch {
  search(spec: TicketSearchSpec): Promise<TicketSearchPage>;
}

/** The creation times a search covered, both included (ISO-8601 UTC). */
export interface SearchWindow {
  createdFrom: string;
  createdTo: string;
}

export interface TicketSearchPage extends Page<string> {
  /** How far the search reached: tickets created outside it were not searched. */
  searched: SearchWindow;
}

export interface TicketSearchSpec {
  text: string;
  /** Only this organisation's tickets (clients); undefined: every organisation. */
  orgId?: string;
  includeInternal: boolean;
  filters: TicketFilters;
  /** Undefined: by relevance. */
  sort?: string;
  /** The searched creation window (ISO date or date-time); default the last 12 months. */
  createdFrom?: string;
  createdTo?: string;
  limit: number;
  cursor?: string;
}

export interface TicketListSpec {
  index: TicketIndex;
  filters: TicketFilters;
  /** The index order is newest first; this reads it the other way round. */
  oldestFirst?: boolean;
  limit: number;
  cursor?: string;
}

export interface CollectionOptions {
  includeInternal: boolean;
  /** Only a ticket of this organisation is visible (clients); undefined for staff and integrations. */
  orgId?: string;
  limit: number;
  cursor?: string;
}

export interface TicketStore {
  /**
   * The next number of a named counter: unique, increasing within a container, taken from a
   * block the container reserved (./reference-numbers.ts), so numbers can have gaps.
   */
  nextSequence(name: string): Promise<number>;
  /** Gives back a number whose ticket was definitely not written (its create was refused). */
  returnSequence(name: string, value: number): void;
  /**
   * Whether a queue of this id exists, checked before a create takes a number: a refused
   * create writes nothing, not even a counter block. Known queues are remembered (never deleted).
   */
  queueExists(queue: string): Promise<boolean>;
  /**
   * The ticket, or null. `consistent`: a strongly consistent read, for a reader that must see a
   * change it learnt about elsewhere (a stream consumer); request paths read eventually consistent.
   */
  getTicket(id: string, options?: { consistent?: boolean }): Promise<Ticket | null>;
  /**
   * Writes the change in one transaction. Throws PreconditionFailed when the ticket moved
   * past `previous.version`, IdempotencyKeyTaken when the idempotency key already exists,
   * Invalid when the queue does not exist, Conflict when feedback was already given.
   * A change with `appendWithoutVersion` is conditioned only on the ticket's status being the
   * one it was computed from (PreconditionFailed otherwise). Resolves to the ticket's version
   * after the write (for an append: the version it made from `previous`; concurrent appends may
   * have moved the ticket further, so the version is never ahead of the stored one).
   */
  commit(change: TicketChange): Promise<number>;
  listTickets(spec: TicketListSpec): Promise<Page<Ticket>>;
  /** A page of the ticket's messages, or null when the ticket does not exist or lies outside `orgId`. */
  listMessages(ticketId: string, options: CollectionOptions): Promise<Page<Message> | null>;
  /** A page of the ticket's history, or null when the ticket does not exist or lies outside `orgId`. */
  listEvents(ticketId: string, options: CollectionOptions): Promise<Page<TicketEvent> | null>;
  /** One message of the ticket, read by its key; null when there is none. `consistent` as for getTicket. */
  getMessage(
    ticketId: string,
    messageId: string,
    options?: { consistent?: boolean },
  ): Promise<Message | null>;
  getIdempotency(scope: string, key: string): Promise<IdempotencyRecord | null>;
  getFeedback(ticketId: string): Promise<Feedback | null>;
}

/** Raised by TicketStore.commit when another request already used the idempotency key. */
export class IdempotencyKeyTaken extends Error {
  constructor(
    readonly scope: string,
    readonly key: string,
  ) {
    super(`Idempotency key ${key} is already used`);
  }
}

/**
 * The files a new message may take (the attachments capability answers, docs/attachments.md).
 * The store's commit then claims each one in the message's transaction, conditioned on it being
 * still verified and free, so two messages never take the same file.
 */
export interface MessageAttachments {
  /**
   * The attachments, in the order asked: each must be the ticket's, uploaded by `uploaderId`,
   * verified and not taken by a message yet. Throws Invalid naming the first id that is not.
   */
  takeable(ticketId: string, ids: readonly string[], uploaderId: string): Promise<MessageAttachment[]>;
}

/**
 * A merge (docs/desk.md): the source ticket's change (status `merged`, `mergedInto`, its event,
 * conditioned on its version like any change) and what lands on the target in the same
 * transaction: its version and updatedAt move (conditioned on its status and organisation being
 * those it was read with), its history event, and the copies of the source's conversation.
 */
export interface TicketMerge {
  source: TicketChange;
  target: { previous: Ticket; updatedAt: string; events: StoredEvent[]; messages: Message[] };
}

/** Raised by commitMerge when the target changed status (or vanished) since it was read. */
export class MergeTargetMoved extends Error {
  constructor(readonly targetId: string) {
    super(`Ticket ${targetId} changed while the merge was being written`);
  }
}

/** The merge's reads and its one transaction. */
export interface TicketMergeStore {
  /**
   * Every message and note of the ticket, oldest first, read in one Query; null when they are
   * more than `max` or more than one page (1 MB): too much to copy in one transaction.
   */
  conversationForMerge(ticketId: string, max: number): Promise<Message[] | null>;
  /**
   * Writes the merge in one TransactWriteItems. PreconditionFailed when the source moved past
   * `source.previous.version`, MergeTargetMoved when the target is no longer as read.
   * Resolves to the source's version after the write.
   */
  commitMerge(merge: TicketMerge): Promise<number>;
}

/**
 * The whole conversation of a ticket, page by page (oldest first, notes included), for work off
 * the request path that must see every message: the search index re-indexes a ticket moved to
 * another organisation (docs/search.md). Each page is one Query.
 */
export interface TicketConversations {
  conversation(ticketId: string, pageSize?: number): AsyncIterable<Message[]>;
}

/**
 * The trace a deleted ticket leaves, outside its partition (docs/api.md, `DELETE /tickets/{id}`):
 * who deleted which reference when; the subject only as its SHA-256 hex, so the trace keeps no
 * text of the ticket. `erasedAt` is set once the rest of the ticket is gone (stream consumer).
 */
export interface TicketErasure {
  ticketId: string;
  reference: string;
  orgId: string;
  subjectSha256: string;
  deletedBy: { id: string; name: string; role: string };
  deletedAt: string;
  erasedAt?: string;
}

/** The delete's reads and its one transaction. */
export interface TicketErasureStore {
  /**
   * One TransactWriteItems: the ticket item deleted, conditioned on `ticket.version` (so the
   * queue count and the assignee's load it takes back are those of the ticket as read), the
   * items that make it visible elsewhere (the reference lookup, the collection headers), its
   * queue count shard and its assignee's open load decremented, and the erasure record put.
   * PreconditionFailed when the ticket moved past `ticket.version` or is gone.
   */
  erase(ticket: Ticket, erasure: TicketErasure): Promise<void>;
  /** The trace of a deleted ticket, or null (one GetItem). */
  getErasure(ticketId: string): Promise<TicketErasure | null>;
}

/**
 * Off the request path: what is left of a deleted ticket in the table (its partition: messages,
 * history, attachments' items, notification records, feedback; its per-ticket report items),
 * erased page by page.
 */
export interface TicketRemains {
  /**
   * Deletes every item of the ticket's partition, and its per-ticket report items (its fact, its
   * change markers, its rating's comment; the report cells keep their sums); resolves to how many
   * were deleted. Idempotent.
   */
  eraseRemains(ticketId: string): Promise<number>;
  /** Marks the erasure record done (no-op when there is none: a ticket removed otherwise). */
  markErased(ticketId: string, at: string): Promise<void>;
}

/** The stored files of a deleted ticket (the attachments capability answers, through the wiring). */
export interface TicketFiles {
  /** Removes every stored file of the ticket; resolves to how many there were. Idempotent. */
  removeFilesOf(ticketId: string): Promise<number>;
}
