import type { StreamChange } from '#platform/stream.js';
import { messageEntity, ticketEntity } from '#platform/table/ticket.js';
import type { TicketConversations, TicketStore } from '#tickets/ports.js';
import type { Message, Ticket } from '#tickets/schemas.js';
import type { TicketSearchCluster } from '../opensearch.js';
import { type ClusterTicketDocument, clusterDocument } from '../opensearch.js';

export interface ClusterIndexDeps {
  cluster: TicketSearchCluster;
  /** The tickets touched, read consistently, and each one's whole conversation. */
  tickets: Pick<TicketStore, 'getTicket'> & TicketConversations;
}

/** Ids of the tickets a batch touched: ticket writes and messages inserted into a conversation. */
const touchedTickets = (changes: readonly StreamChange[]): string[] => {
  const ids = new Set<string>();
  for (const change of changes) {
    const image = change.newImage;
    if (!image || typeof image.id !== 'string') continue;
    if (image.entity === ticketEntity.name) ids.add(image.id);
    else if (image.entity === messageEntity.name && change.eventName === 'INSERT') {
      if (typeof image.ticketId === 'string') ids.add(image.ticketId);
    }
  }
  return [...ids];
};

/**
 * The `search-index` consumer with the OpenSearch engine (docs/search.md "OpenSearch
 * Serverless"): each ticket the batch touched is read as it is now (consistently) with its whole
 * conversation, and indexed whole, all in one bulk request. A document always reflects the
 * table at least as new as the batch's records, so a redelivered or reordered batch rewrites
 * the same document: idempotent without a version check. A moved ticket simply carries its new
 * organisation. Cost: one Query per 100 messages of each touched ticket, off the request path.
 */
export const indexTicketsInCluster = async (
  deps: ClusterIndexDeps,
  changes: readonly StreamChange[],
): Promise<number> => {
  const ids = touchedTickets(changes);
  if (!ids.length) return 0;
  // Asked in one turn: the ticket store reads them together (one BatchGetItem per 100).
  const tickets = (
    await Promise.all(ids.map((id) => deps.tickets.getTicket(id, { consistent: true })))
  ).filter((ticket): ticket is Ticket => ticket !== null);
  const documents: ClusterTicketDocument[] = [];
  for (const ticket of tickets) {
    const conversation: Message[] = [];
    for await (const page of deps.tickets.conversation(ticket.id)) conversation.push(...page);
    documents.push(clusterDocument(ticket, conversation));
  }
  if (documents.length) await deps.cluster.indexTickets(documents);
  return documents.length;
};
