import type { Clock } from '#platform/ports.js';
import type { StreamChange } from '#platform/stream.js';
import { messageEntity, ticketEntity } from '#platform/table/ticket.js';
import type { TicketStore } from '#tickets/ports.js';
import { Message, Ticket } from '#tickets/schemas.js';
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
  /** To find the organisation of a message whose ticket did not change in the batch. */
  tickets: Pick<TicketStore, 'getTicket'>;
  clock: Clock;
}

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
  for (const change of changes) {
    const image = change.newImage;
    if (!image) continue;
    if (image.entity === ticketEntity.name) {
      const ticket = Ticket.parse(image);
      const seen = latest.get(ticket.id);
      if (!seen || seen.version <= ticket.version) latest.set(ticket.id, ticket);
    } else if (image.entity === messageEntity.name && change.eventName === 'INSERT') {
      const message = Message.parse(image);
      messages.push({ ticketId: message.ticketId, message });
    }
  }
  const missing = [...new Set(messages.map(({ ticketId }) => ticketId))].filter((id) => !latest.has(id));
  // Asked in one turn: the ticket store reads them together (one BatchGetItem per 100).
  const read = await Promise.all(missing.map((id) => deps.tickets.getTicket(id, { consistent: true })));
  const segmentsOf = new Map<string, SegmentAddress[]>(
    [...latest.values(), ...read.filter((ticket): ticket is Ticket => ticket !== null)].map((ticket) => [
      ticket.id,
      [ticketSegment(ticket), allOrganisationsSegment(ticket)],
    ]),
  );

  const bySegment = new Map<string, { address: SegmentAddress; documents: SearchDocument[] }>();
  const add = (address: SegmentAddress, document: SearchDocument) => {
    const name = `${address.index}/${address.scope}#${address.segment}`;
    const entry = bySegment.get(name) ?? { address, documents: [] };
    entry.documents.push(document);
    bySegment.set(name, entry);
  };
  for (const ticket of latest.values()) {
    for (const address of segmentsOf.get(ticket.id) ?? []) add(address, ticketDocument(ticket));
  }
  for (const { ticketId, message } of messages) {
    // A message of a ticket that does not exist cannot be found by anyone: nothing to index.
    for (const address of segmentsOf.get(ticketId) ?? []) add(address, messageDocument(ticketId, message));
  }
  for (const { address, documents } of bySegment.values()) {
    await updateSegment(deps, address, documents);
  }
};
