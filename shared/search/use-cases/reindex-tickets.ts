import type { StreamChange } from '#platform/stream.js';
import { messageEntity, ticketEntity } from '#platform/table/ticket.js';
import type { TicketStore } from '#tickets/ports.js';
import type { Message, Ticket } from '#tickets/schemas.js';
import { indexTicketChanges, type TicketIndexDeps } from './index-tickets.js';

/** Messages read per page while re-indexing a ticket's conversation. */
const MESSAGE_PAGE = 100;

export interface ReindexSource {
  /** Every ticket, a page at a time. */
  tickets(): AsyncIterable<Ticket[]>;
  messages: Pick<TicketStore, 'listMessages'>;
}

/**
 * `npm run search:reindex` (docs/search.md "Bounded search"): hands every ticket and all its
 * messages to the index as the stream would, a page of tickets at a time. The index is
 * idempotent, so what is indexed already stays as it is and only what is missing is added:
 * the back-fill of the index of every organisation after it was introduced, or of a segment
 * lost. Not a request path: it reads the whole desk.
 */
export const reindexTickets = async (
  /** The segments' deps, or the indexer of the engine in use (the wiring's `indexTickets`). */
  deps: TicketIndexDeps | ((changes: readonly StreamChange[]) => Promise<void>),
  source: ReindexSource,
  progress: (tickets: number) => void = () => {},
): Promise<{ tickets: number; messages: number }> => {
  let tickets = 0;
  let messages = 0;
  for await (const page of source.tickets()) {
    const changes: StreamChange[] = [];
    const inserted = (sequence: string, image: Record<string, unknown>): StreamChange => ({
      eventName: 'INSERT',
      sequence,
      oldImage: null,
      newImage: image,
    });
    for (const ticket of page) {
      changes.push(inserted(`${ticket.id}`, { ...ticket, entity: ticketEntity.name }));
      for (const message of await conversation(source.messages, ticket.id)) {
        changes.push(inserted(`${ticket.id}/${message.id}`, { ...message, entity: messageEntity.name }));
        messages++;
      }
    }
    await (typeof deps === 'function' ? deps(changes) : indexTicketChanges(deps, changes));
    tickets += page.length;
    progress(tickets);
  }
  return { tickets, messages };
};

/** Every message of a ticket, internal notes included (they are indexed as restricted). */
const conversation = async (
  store: Pick<TicketStore, 'listMessages'>,
  ticketId: string,
): Promise<Message[]> => {
  const messages: Message[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listMessages(ticketId, {
      includeInternal: true,
      limit: MESSAGE_PAGE,
      ...(cursor ? { cursor } : {}),
    });
    if (!page) break;
    messages.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return messages;
};
