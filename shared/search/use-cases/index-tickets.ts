import type { Clock } from '#platform/ports.js';
import type { StreamChange } from '#platform/stream.js';
import { messageEntity, ticketEntity } from '#platform/table/ticket.js';
import type { TicketConversations, TicketStore } from '#tickets/ports.js';
import { Message, Ticket } from '#tickets/record-schemas.js';
import type { SearchDocument } from '../engine.js';
import type { SegmentAddress, SegmentStore } from '../ports.js';
import {
  allOrganisationsSegment,
  messageDocument,
  ticketDocument,
  ticketSegment,
} from '../ticket-documents.js';
import { updateSegment } from './update-segment.js';

export interface TicketIndexDeps {
  segments: SegmentStore;
  /**
   * To find the organisation of a message whose ticket did not change in the batch, and the
   * whole conversation of a ticket moved to another organisation.
   */
  tickets: Pick<TicketStore, 'getTicket'> & TicketConversations;
  clock: Clock;
}

/** A ticket write that changed its organisation (a triage ticket moved): the segment it leaves. */
const segmentLeft = (change: StreamChange, ticket: Ticket): SegmentAddress | null => {
  const before = change.oldImage;
  if (change.eventName !== 'MODIFY' || !before || typeof before.orgId !== 'string') return null;
  if (before.orgId === ticket.orgId) return null;
  return ticketSegment({ orgId: before.orgId, createdAt: ticket.createdAt });
};

/** The ticket a record removed (its item deleted), with what addresses its segments; or null. */
const deletedTicket = (change: StreamChange): { id: string; orgId: string; createdAt: string } | null => {
  const old = change.oldImage;
  if (change.eventName !== 'REMOVE' || old?.entity !== ticketEntity.name) return null;
  const { id, orgId, createdAt } = old;
  if (typeof id !== 'string' || typeof orgId !== 'string' || typeof createdAt !== 'string') return null;
  return { id, orgId, createdAt };
};

/**
 * The `search-index` stream consumer (docs/search.md): a batch of ticket writes and message
 * inserts becomes one rewrite per segment touched: each document goes to its organisation's
 * segment of the month (clients' searches) and to the month's segment of every organisation
 * (staff searches, bounded by months whatever the number of organisations). Idempotent: a ticket's document is replaced
 * only by a version at least as new; a message's document is added once.
 */
export const indexTicketChanges = async (
  deps: TicketIndexDeps,
  changes: readonly StreamChange[],
): Promise<void> => {
  const latest = new Map<string, Ticket>();
  const messages: { ticketId: string; message: Message }[] = [];
  const moved = new Map<string, SegmentAddress[]>();
  const deleted = new Map<string, SegmentAddress[]>();
  for (const change of changes) {
    const gone = deletedTicket(change);
    if (gone) {
      deleted.set(gone.id, [ticketSegment(gone), allOrganisationsSegment(gone)]);
      latest.delete(gone.id);
      continue;
    }
    const image = change.newImage;
    if (!image) continue;
    if (image.entity === ticketEntity.name) {
      const ticket = Ticket.parse(image);
      const left = segmentLeft(change, ticket);
      if (left) moved.set(ticket.id, [...(moved.get(ticket.id) ?? []), left]);
      const seen = latest.get(ticket.id);
      if (!seen || seen.version <= ticket.version) latest.set(ticket.id, ticket);
    } else if (image.entity === messageEntity.name && change.eventName === 'INSERT') {
      const message = Message.parse(image);
      messages.push({ ticketId: message.ticketId, message });
    }
  }
  const missing = [...new Set(messages.map(({ ticketId }) => ticketId))].filter(
    (id) => !latest.has(id) && !deleted.has(id),
  );
  // Asked in one turn: the ticket store reads them together (one BatchGetItem per 100).
  const read = await Promise.all(missing.map((id) => deps.tickets.getTicket(id, { consistent: true })));
  const segmentsOf = new Map<string, SegmentAddress[]>(
    [...latest.values(), ...read.filter((ticket): ticket is Ticket => ticket !== null)].map((ticket) => [
      ticket.id,
      [ticketSegment(ticket), allOrganisationsSegment(ticket)],
    ]),
  );

  interface SegmentWork {
    address: SegmentAddress;
    documents: SearchDocument[];
    removedGroups: string[];
  }
  const bySegment = new Map<string, SegmentWork>();
  const entryOf = (address: SegmentAddress): SegmentWork => {
    const name = `${address.index}/${address.scope}#${address.segment}`;
    const entry = bySegment.get(name) ?? { address, documents: [], removedGroups: [] };
    bySegment.set(name, entry);
    return entry;
  };
  const add = (address: SegmentAddress, document: SearchDocument) =>
    entryOf(address).documents.push(document);
  for (const ticket of latest.values()) {
    for (const address of segmentsOf.get(ticket.id) ?? []) add(address, ticketDocument(ticket));
  }
  // A ticket moved to another organisation (a triage ticket, docs/search.md): it leaves the
  // segment of its old organisation whole, and its whole conversation is indexed under the new
  // one. The month's segment of every organisation already holds the conversation, and the
  // ticket's newer document replaces its old one there. Both steps are idempotent (a removed
  // group is gone, a message is added once), so a redelivered batch changes nothing more.
  for (const [ticketId, left] of moved) {
    const ticket = latest.get(ticketId);
    if (!ticket) continue;
    const target = ticketSegment(ticket);
    for (const address of left) {
      if (address.scope !== target.scope) entryOf(address).removedGroups.push(ticketId);
    }
    for await (const page of deps.tickets.conversation(ticketId)) {
      for (const message of page) add(target, messageDocument(ticketId, message));
    }
  }
  for (const { ticketId, message } of messages) {
    // A message of a ticket that does not exist cannot be found by anyone: nothing to index.
    for (const address of segmentsOf.get(ticketId) ?? []) add(address, messageDocument(ticketId, message));
  }
  // A deleted ticket (DELETE /tickets/{id}) leaves both its segments whole: its document and its
  // messages'. Removing a group already gone changes nothing, so a redelivered record is harmless.
  for (const [ticketId, addresses] of deleted) {
    for (const address of addresses) entryOf(address).removedGroups.push(ticketId);
  }
  for (const { address, documents, removedGroups } of bySegment.values()) {
    await updateSegment(deps, address, documents, [], removedGroups);
  }
};
