import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { PageCursors } from '#platform/cursor.js';
import type { Page } from '#platform/ports.js';
import { idempotencyEntity } from '#platform/table/idempotency.js';
import type { QuerySpec } from '#platform/table/key.js';
import { keyCondition } from '#platform/table/query.js';
import { eventEntity, feedbackEntity, messageEntity, ticketEntity } from '#platform/table/ticket.js';
import type { CollectionOptions, IdempotencyRecord, TicketIndex, TicketListSpec } from '../ports.js';
import type { Feedback, Message, Ticket, TicketEvent } from '../schemas.js';
import { type Filter, publicOnly, ticketFilter } from './ticket-filters.js';
import { toEvent, toFeedback, toIdempotencyRecord, toMessage, toTicket } from './ticket-items.js';

/** BatchGetItem's limit. */
const BATCH_GET_LIMIT = 100;

interface PendingRead {
  consistent: boolean;
  waiters: { resolve: (ticket: Ticket | null) => void; reject: (error: unknown) => void }[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A filtered page may take a few Queries to fill; past that it comes back short, with a cursor. */
const MAX_FILTERED_QUERIES = 3;

const indexQuery = (index: TicketIndex): QuerySpec => {
  const { queries } = ticketEntity;
  switch (index.by) {
    case 'organisation':
      return queries.ofOrganisation(index.orgId);
    case 'queue':
      return queries.inQueue(index.queue, index.status);
    case 'assignee':
      return queries.ofAssignee(index.assigneeId);
    case 'requester':
      return queries.ofRequester(index.requesterId);
    case 'status':
      return queries.withStatus(index.status);
    case 'all':
      return queries.all();
  }
};

type Collection = typeof messageEntity | typeof eventEntity;
interface ItemPage {
  items: Record<string, unknown>[];
  nextCursor: string | null;
}

/** The reads of the ticket store: tickets, their lists, collections, feedback and idempotency records. */
export class DynamoTicketReader {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly cursors: PageCursors,
  ) {}

  /** The ticket reads asked for in this turn of the event loop, not yet sent. */
  private pendingReads: Map<string, PendingRead> | null = null;

  /**
   * One ticket. Reads asked for in the same turn (a stream batch handled side by side, a
   * burst of SLA checks) are sent together: one GetItem for one, one BatchGetItem per 100 for
   * more, consistent when any of them asked to be. A lone read is exactly the GetItem it was.
   */
  getTicket(id: string, options: { consistent?: boolean } = {}): Promise<Ticket | null> {
    return new Promise((resolve, reject) => {
      if (!this.pendingReads) {
        this.pendingReads = new Map();
        process.nextTick(() => this.sendReads());
      }
      let read = this.pendingReads.get(id);
      if (!read) {
        read = { consistent: false, waiters: [] };
        this.pendingReads.set(id, read);
      }
      read.consistent ||= options.consistent === true;
      read.waiters.push({ resolve, reject });
    });
  }

  private sendReads(): void {
    const reads = [...(this.pendingReads ?? new Map<string, PendingRead>()).entries()];
    this.pendingReads = null;
    for (let at = 0; at < reads.length; at += BATCH_GET_LIMIT) {
      const chunk = reads.slice(at, at + BATCH_GET_LIMIT);
      this.readTickets(
        chunk.map(([id]) => id),
        chunk.some(([, read]) => read.consistent),
      ).then(
        (found) => {
          for (const [id, read] of chunk)
            for (const waiter of read.waiters) waiter.resolve(found.get(id) ?? null);
        },
        (error: unknown) => {
          for (const [, read] of chunk) for (const waiter of read.waiters) waiter.reject(error);
        },
      );
    }
  }

  private async readTickets(ids: string[], consistent: boolean): Promise<Map<string, Ticket>> {
    const found = new Map<string, Ticket>();
    if (ids.length === 1) {
      const [id] = ids as [string];
      const result = await this.db.send(
        new GetCommand({
          TableName: this.tableName,
          Key: ticketEntity.key(id),
          ...(consistent ? { ConsistentRead: true } : {}),
        }),
      );
      if (result.Item) found.set(id, toTicket(result.Item));
      return found;
    }
    let keys: Record<string, unknown>[] = ids.map((id) => ({ ...ticketEntity.key(id) }));
    for (let round = 0; keys.length > 0; round++) {
      if (round > 0) await sleep(Math.min(1000, 25 * 2 ** round));
      const result = await this.db.send(
        new BatchGetCommand({
          RequestItems: { [this.tableName]: { Keys: keys, ...(consistent ? { ConsistentRead: true } : {}) } },
        }),
      );
      for (const item of result.Responses?.[this.tableName] ?? []) {
        const ticket = toTicket(item);
        found.set(ticket.id, ticket);
      }
      keys = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as unknown as Record<string, unknown>[];
    }
    return found;
  }

  async listTickets(spec: TicketListSpec): Promise<Page<Ticket>> {
    const query = { ...indexQuery(spec.index), ...(spec.oldestFirst ? { descending: false } : {}) };
    const fingerprint = JSON.stringify(['tickets', query, spec.filters]);
    const page = await this.queryPage(query, {
      limit: spec.limit,
      cursor: spec.cursor,
      fingerprint,
      filter: ticketFilter(spec.filters),
    });
    return { items: page.items.map(toTicket), nextCursor: page.nextCursor };
  }

  async listMessages(ticketId: string, options: CollectionOptions): Promise<Page<Message> | null> {
    const page = await this.listCollection(messageEntity, ticketId, 'messages', options);
    return page && { items: page.items.map(toMessage), nextCursor: page.nextCursor };
  }

  async listEvents(ticketId: string, options: CollectionOptions): Promise<Page<TicketEvent> | null> {
    const page = await this.listCollection(eventEntity, ticketId, 'events', options);
    return page && { items: page.items.map(toEvent), nextCursor: page.nextCursor };
  }

  async getMessage(
    ticketId: string,
    messageId: string,
    options: { consistent?: boolean } = {},
  ): Promise<Message | null> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: messageEntity.key(ticketId, messageId),
        ...(options.consistent ? { ConsistentRead: true } : {}),
      }),
    );
    return result.Item ? toMessage(result.Item) : null;
  }

  async *conversation(ticketId: string, pageSize = 100): AsyncIterable<Message[]> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          ...keyCondition(messageEntity.queries.ofTicket(ticketId)),
          ConsistentRead: true,
          Limit: pageSize,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      const messages = (result.Items ?? []).filter((item) => !messageEntity.header.is(item));
      if (messages.length) yield messages.map(toMessage);
      startKey = result.LastEvaluatedKey;
    } while (startKey);
  }

  async conversationForMerge(ticketId: string, max: number): Promise<Message[] | null> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...keyCondition(messageEntity.queries.ofTicket(ticketId)),
        ConsistentRead: true,
        // The header, then one more than `max`: seeing it means there are too many.
        Limit: max + 2,
      }),
    );
    const messages = (result.Items ?? []).filter((item) => !messageEntity.header.is(item));
    const cutShort = result.LastEvaluatedKey !== undefined && messages.length < max + 1;
    if (messages.length > max || cutShort) return null;
    return messages.map(toMessage);
  }

  async getIdempotency(scope: string, key: string): Promise<IdempotencyRecord | null> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: idempotencyEntity.key(scope, key) }),
    );
    if (!result.Item) return null;
    const record = toIdempotencyRecord(scope, key, result.Item);
    // TTL deletion is lazy: an expired record no longer binds the key.
    if (record.expiresAt * 1000 < Date.now()) return null;
    return record;
  }

  async getFeedback(ticketId: string): Promise<Feedback | null> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: feedbackEntity.key(ticketId) }),
    );
    return result.Item ? toFeedback(ticketId, result.Item) : null;
  }

  /**
   * One Query: the collection's header item (first page only) proves the ticket exists and
   * is visible; later pages are reachable only through a cursor signed for the same scope.
   */
  private async listCollection(
    collection: Collection,
    ticketId: string,
    name: string,
    options: CollectionOptions,
  ): Promise<ItemPage | null> {
    const query = collection.queries.ofTicket(ticketId);
    const fingerprint = JSON.stringify([name, query, options.includeInternal, options.orgId ?? null]);
    const firstPage = options.cursor === undefined;
    const page = await this.queryPage(query, {
      limit: options.limit + (firstPage ? 1 : 0),
      cursor: options.cursor,
      fingerprint,
      filter: publicOnly(options.includeInternal),
    });
    if (!firstPage) return page;
    const [header, ...items] = page.items;
    if (!header || !collection.header.is(header)) return null;
    if (options.orgId !== undefined && header.orgId !== options.orgId) return null;
    return { items, nextCursor: page.nextCursor };
  }

  private async queryPage(
    spec: QuerySpec,
    options: { limit: number; cursor?: string | undefined; fingerprint: string; filter: Filter },
  ): Promise<ItemPage> {
    const { filter } = options;
    const key = keyCondition(spec);
    let startKey = this.cursors.decode(options.cursor, options.fingerprint);
    const items: Record<string, unknown>[] = [];
    const maxQueries = filter.FilterExpression ? MAX_FILTERED_QUERIES : 1;
    for (let i = 0; i < maxQueries; i++) {
      const input: QueryCommandInput = {
        TableName: this.tableName,
        ...key,
        ExpressionAttributeNames: {
          ...key.ExpressionAttributeNames,
          ...(filter.ExpressionAttributeNames ?? {}),
        },
        ExpressionAttributeValues: {
          ...key.ExpressionAttributeValues,
          ...(filter.ExpressionAttributeValues ?? {}),
        },
        ...(filter.FilterExpression ? { FilterExpression: filter.FilterExpression } : {}),
        Limit: options.limit - items.length,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      };
      const result = await this.db.send(new QueryCommand(input));
      items.push(...(result.Items ?? []));
      startKey = result.LastEvaluatedKey;
      if (!startKey || items.length >= options.limit) break;
    }
    return { items, nextCursor: this.cursors.encode(startKey, options.fingerprint) };
  }
}
