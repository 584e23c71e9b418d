import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { PageCursors } from '#platform/cursor.js';
import type { Page } from '#platform/ports.js';
import { queueEntity } from '#platform/table/queue.js';
import type {
  CollectionOptions,
  IdempotencyRecord,
  TicketChange,
  TicketConversations,
  TicketListSpec,
  TicketMerge,
  TicketMergeStore,
  TicketStore,
} from '../ports.js';
import { NumberBlocks } from '../reference-numbers.js';
import type { Feedback, Message, Ticket, TicketEvent } from '../schemas.js';
import { DynamoTicketReader } from './dynamodb-ticket-reader.js';
import { DynamoTicketWriter } from './dynamodb-ticket-writer.js';

/** The TicketStore port over the single table: writes, reads and queue counts, each in its own adapter. */
export class DynamoTicketStore implements TicketStore, TicketMergeStore, TicketConversations {
  private readonly writer: DynamoTicketWriter;
  private readonly reader: DynamoTicketReader;
  /** This container's blocks of reference numbers. */
  private readonly numbers: NumberBlocks;
  /** Queues are never deleted: one found stays known for the container's life. */
  private readonly knownQueues = new Set<string>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    cursors: PageCursors,
  ) {
    this.writer = new DynamoTicketWriter(db, tableName);
    this.reader = new DynamoTicketReader(db, tableName, cursors);
    this.numbers = new NumberBlocks((name, count) => this.writer.reserveSequence(name, count));
  }

  nextSequence(name: string): Promise<number> {
    return this.numbers.next(name);
  }

  returnSequence(name: string, value: number): void {
    this.numbers.giveBack(name, value);
  }

  async queueExists(queue: string): Promise<boolean> {
    if (this.knownQueues.has(queue)) return true;
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: queueEntity.key(queue), ProjectionExpression: 'pk' }),
    );
    if (result.Item) this.knownQueues.add(queue);
    return result.Item !== undefined;
  }

  commit(change: TicketChange): Promise<number> {
    return this.writer.commit(change);
  }

  commitMerge(merge: TicketMerge): Promise<number> {
    return this.writer.commitMerge(merge);
  }

  conversationForMerge(ticketId: string, max: number): Promise<Message[] | null> {
    return this.reader.conversationForMerge(ticketId, max);
  }

  conversation(ticketId: string, pageSize?: number): AsyncIterable<Message[]> {
    return this.reader.conversation(ticketId, pageSize);
  }

  getTicket(id: string, options: { consistent?: boolean } = {}): Promise<Ticket | null> {
    return this.reader.getTicket(id, options);
  }

  listTickets(spec: TicketListSpec): Promise<Page<Ticket>> {
    return this.reader.listTickets(spec);
  }

  listMessages(ticketId: string, options: CollectionOptions): Promise<Page<Message> | null> {
    return this.reader.listMessages(ticketId, options);
  }

  listEvents(ticketId: string, options: CollectionOptions): Promise<Page<TicketEvent> | null> {
    return this.reader.listEvents(ticketId, options);
  }

  getMessage(
    ticketId: string,
    messageId: string,
    options: { consistent?: boolean } = {},
  ): Promise<Message | null> {
    return this.reader.getMessage(ticketId, messageId, options);
  }

  getIdempotency(scope: string, key: string): Promise<IdempotencyRecord | null> {
    return this.reader.getIdempotency(scope, key);
  }

  getFeedback(ticketId: string): Promise<Feedback | null> {
    return this.reader.getFeedback(ticketId);
  }
}
