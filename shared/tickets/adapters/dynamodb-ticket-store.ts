import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { PageCursors } from '#platform/cursor.js';
import { Conflict, Invalid, PreconditionFailed } from '#platform/errors.js';
import type { Page } from '#platform/ports.js';
import { keys, type QuerySpec, queries, ticketIndexKeys } from '#platform/table/model.js';
import { keyCondition } from '#platform/table/query.js';
import {
  type CollectionOptions,
  IdempotencyKeyTaken,
  type IdempotencyRecord,
  type TicketChange,
  type TicketFilters,
  type TicketIndex,
  type TicketListSpec,
  type TicketStore,
} from '../ports.js';
import type { Feedback, Message, Queue, Ticket, TicketEvent } from '../schemas.js';
import { ticketStatuses } from '../status.js';

/** Queue counts are spread over shards so concurrent writes to one queue rarely collide. */
export const QUEUE_COUNT_SHARDS = 8;
const MAX_FILTERED_QUERIES = 3;
const MAX_CONFLICT_RETRIES = 6;

const shardOf = (ticketId: string): number => {
  let hash = 0;
  for (const char of ticketId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % QUEUE_COUNT_SHARDS;
};

const searchText = (ticket: Ticket): string =>
  `${ticket.reference} ${ticket.subject} ${ticket.description.slice(0, 2000)}`.toLowerCase();

export const ticketItem = (ticket: Ticket): Record<string, unknown> => ({
  ...keys.ticket(ticket.id),
  ...ticketIndexKeys({
    id: ticket.id,
    orgId: ticket.orgId,
    queue: ticket.queue,
    status: ticket.status,
    assigneeId: ticket.assignee?.id ?? null,
    requesterId: ticket.requester.id,
    createdAt: ticket.createdAt,
  }),
  entity: 'ticket',
  ...ticket,
  assigneeId: ticket.assignee?.id ?? 'none',
  requesterId: ticket.requester.id,
  search: searchText(ticket),
});

const toTicket = (item: Record<string, unknown>): Ticket => {
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
  };
};

const toMessage = (item: Record<string, unknown>): Message => {
  const { id, ticketId, author, body, internal, channel, createdAt } = item as unknown as Message;
  return { id, ticketId, author, body, internal, channel, createdAt };
};

const toEvent = (item: Record<string, unknown>): TicketEvent => {
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

const indexSpec = (index: TicketIndex): QuerySpec => {
  switch (index.by) {
    case 'organisation':
      return queries.ticketsOfOrganisation(index.orgId);
    case 'queue':
      return queries.ticketsInQueue(index.queue, index.status);
    case 'assignee':
      return queries.ticketsOfAssignee(index.assigneeId);
    case 'requester':
      return queries.ticketsOfRequester(index.requesterId);
    case 'status':
      return queries.ticketsWithStatus(index.status);
    case 'all':
      return queries.allTickets();
  }
};

const filterExpression = (filters: TicketFilters) => {
  const clauses: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const equal = (attribute: string, value: unknown) => {
    const n = `#f${clauses.length}`;
    const v = `:f${clauses.length}`;
    names[n] = attribute;
    values[v] = value;
    clauses.push(`${n} = ${v}`);
  };
  if (filters.status) equal('status', filters.status);
  if (filters.queue) equal('queue', filters.queue);
  if (filters.assigneeId !== undefined) equal('assigneeId', filters.assigneeId ?? 'none');
  if (filters.requesterId) equal('requesterId', filters.requesterId);
  if (filters.orgId) equal('orgId', filters.orgId);
  if (filters.priority) equal('priority', filters.priority);
  if (filters.category) equal('category', filters.category);
  if (filters.tag) {
    names['#tags'] = 'tags';
    values[':tag'] = filters.tag;
    clauses.push('contains(#tags, :tag)');
  }
  if (filters.text) {
    names['#search'] = 'search';
    filters.text
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 5)
      .forEach((word, i) => {
        values[`:q${i}`] = word;
        clauses.push(`contains(#search, :q${i})`);
      });
  }
  if (!clauses.length) return {};
  return {
    FilterExpression: clauses.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class DynamoTicketStore implements TicketStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly cursors: PageCursors,
  ) {}

  async nextSequence(name: string): Promise<number> {
    const result = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.counter(name),
        UpdateExpression: 'ADD #value :one',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const value = result.Attributes?.value;
    if (typeof value !== 'number') throw new Error(`Counter ${name} returned no value`);
    return value;
  }

  async getTicket(id: string): Promise<Ticket | null> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.ticket(id) }));
    return result.Item ? toTicket(result.Item) : null;
  }

  async commit(change: TicketChange): Promise<void> {
    const { ticket, previous } = change;
    type Item = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
    const items: Item[] = [];
    const roles: ('ticket' | 'queue' | 'feedback' | 'idempotency' | 'other')[] = [];
    items.push({
      Put: {
        TableName: this.tableName,
        Item: ticketItem(ticket),
        ...(previous
          ? {
              ConditionExpression: '#version = :expected',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':expected': previous.version },
            }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    });
    roles.push('ticket');
    if (!previous) {
      for (const header of [keys.messagesHeader(ticket.id), keys.eventsHeader(ticket.id)]) {
        items.push({
          Put: {
            TableName: this.tableName,
            Item: { ...header, entity: 'collection', orgId: ticket.orgId, internal: false },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
        roles.push('other');
      }
    }
    for (const event of change.events) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: { ...keys.event(ticket.id, event.id), entity: 'event', ...event },
        },
      });
      roles.push('other');
    }
    for (const message of change.messages ?? []) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: { ...keys.message(ticket.id, message.id), entity: 'message', ...message },
        },
      });
      roles.push('other');
    }
    if (change.feedback) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: { ...keys.feedback(ticket.id), entity: 'feedback', ...change.feedback },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
      roles.push('feedback');
    }
    if (change.idempotency) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.idempotency(change.idempotency.scope, change.idempotency.key),
            entity: 'idempotency',
            ...change.idempotency,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
      roles.push('idempotency');
    }
    for (const update of this.queueCountUpdates(ticket, previous)) {
      items.push({ Update: update });
      roles.push('queue');
    }

    for (let attempt = 0; ; attempt++) {
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        const failed = reasons.map((reason, i) => ({ code: reason.Code, role: roles[i] }));
        const conditionFailed = failed.find((f) => f.code === 'ConditionalCheckFailed');
        if (conditionFailed?.role === 'idempotency')
          throw new IdempotencyKeyTaken(change.idempotency?.scope ?? '', change.idempotency?.key ?? '');
        if (conditionFailed?.role === 'feedback')
          throw new Conflict('Feedback was already given for this ticket');
        if (conditionFailed?.role === 'queue') {
          throw new Invalid(`There is no queue '${ticket.queue}'`, [
            { path: 'queue', message: 'Unknown queue; see GET /api/v1/queues' },
          ]);
        }
        const ticketConflict = failed[0]?.code === 'TransactionConflict';
        if (conditionFailed?.role === 'ticket' || (ticketConflict && previous)) {
          throw new PreconditionFailed(
            'The ticket changed while this request was being processed: reload and retry',
          );
        }
        // Only shared aggregates collided with another transaction: the change itself is still valid.
        if (failed.some((f) => f.code === 'TransactionConflict') && attempt < MAX_CONFLICT_RETRIES) {
          await sleep(10 * 2 ** attempt + Math.random() * 20);
          continue;
        }
        throw error;
      }
    }
  }

  private queueCountUpdates(ticket: Ticket, previous: Ticket | null) {
    const shard = shardOf(ticket.id);
    const update = (queue: string, deltas: [string, number][]) => ({
      TableName: this.tableName,
      Key: keys.queueShard(queue, shard),
      UpdateExpression: `ADD ${deltas.map((_, i) => `#counts.#s${i} :d${i}`).join(', ')}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: Object.fromEntries([
        ['#counts', 'counts'],
        ...deltas.map(([status], i) => [`#s${i}`, status]),
      ]),
      ExpressionAttributeValues: Object.fromEntries(deltas.map(([, delta], i) => [`:d${i}`, delta])),
    });
    if (!previous) return [update(ticket.queue, [[ticket.status, 1]])];
    if (previous.queue === ticket.queue && previous.status === ticket.status) return [];
    if (previous.queue === ticket.queue) {
      return [
        update(ticket.queue, [
          [previous.status, -1],
          [ticket.status, 1],
        ]),
      ];
    }
    return [update(previous.queue, [[previous.status, -1]]), update(ticket.queue, [[ticket.status, 1]])];
  }

  private async queryPage(
    spec: QuerySpec,
    options: {
      limit: number;
      cursor?: string | undefined;
      fingerprint: string;
      filter?: ReturnType<typeof filterExpression>;
    },
  ): Promise<{ items: Record<string, unknown>[]; nextCursor: string | null }> {
    const filter = options.filter ?? {};
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

  async listTickets(spec: TicketListSpec): Promise<Page<Ticket>> {
    const query = indexSpec(spec.index);
    const fingerprint = JSON.stringify(['tickets', query, spec.filters]);
    const page = await this.queryPage(query, {
      limit: spec.limit,
      cursor: spec.cursor,
      fingerprint,
      filter: filterExpression(spec.filters),
    });
    return { items: page.items.map(toTicket), nextCursor: page.nextCursor };
  }

  private publicOnly(includeInternal: boolean) {
    return includeInternal
      ? {}
      : {
          FilterExpression: '#internal = :false',
          ExpressionAttributeNames: { '#internal': 'internal' },
          ExpressionAttributeValues: { ':false': false },
        };
  }

  /**
   * One Query: the collection's header item (first page only) proves the ticket exists and
   * is visible; later pages are reachable only through a cursor signed for the same scope.
   */
  private async listCollection(
    query: QuerySpec,
    name: string,
    options: CollectionOptions,
  ): Promise<{ items: Record<string, unknown>[]; nextCursor: string | null } | null> {
    const fingerprint = JSON.stringify([name, query, options.includeInternal, options.orgId ?? null]);
    const firstPage = options.cursor === undefined;
    const page = await this.queryPage(query, {
      limit: options.limit + (firstPage ? 1 : 0),
      cursor: options.cursor,
      fingerprint,
      filter: this.publicOnly(options.includeInternal),
    });
    if (!firstPage) return page;
    const [header, ...items] = page.items;
    if (!header || header.sk !== query.skPrefix) return null;
    if (options.orgId !== undefined && header.orgId !== options.orgId) return null;
    return { items, nextCursor: page.nextCursor };
  }

  async listMessages(ticketId: string, options: CollectionOptions): Promise<Page<Message> | null> {
    const page = await this.listCollection(queries.messagesOfTicket(ticketId), 'messages', options);
    return page && { items: page.items.map(toMessage), nextCursor: page.nextCursor };
  }

  async listEvents(ticketId: string, options: CollectionOptions): Promise<Page<TicketEvent> | null> {
    const page = await this.listCollection(queries.eventsOfTicket(ticketId), 'events', options);
    return page && { items: page.items.map(toEvent), nextCursor: page.nextCursor };
  }

  async getIdempotency(scope: string, key: string): Promise<IdempotencyRecord | null> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.idempotency(scope, key) }),
    );
    if (!result.Item) return null;
    const { bodyHash, ticketId, expiresAt } = result.Item as IdempotencyRecord;
    // TTL deletion is lazy: an expired record no longer binds the key.
    if (expiresAt * 1000 < Date.now()) return null;
    return { scope, key, bodyHash, ticketId, expiresAt };
  }

  async getFeedback(ticketId: string): Promise<Feedback | null> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.feedback(ticketId) }),
    );
    if (!result.Item) return null;
    const { rating, comment, createdAt, author } = result.Item as Feedback;
    return { ticketId, rating, comment, createdAt, author };
  }

  async listQueues(): Promise<Queue[]> {
    // One Query returns every queue definition and its count shards (bounded: queues × shards).
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...keyCondition(queries.queues()),
      }),
    );
    const queues = new Map<string, Queue>();
    const shards: { queue: string; counts: Record<string, number> }[] = [];
    for (const item of result.Items ?? []) {
      const [, queueId, shard] = String(item.sk).split('#');
      if (!queueId) continue;
      if (shard === 'SHARD')
        shards.push({ queue: queueId, counts: (item.counts as Record<string, number>) ?? {} });
      else
        queues.set(queueId, {
          id: queueId,
          name: String(item.name ?? queueId),
          counts: Object.fromEntries(ticketStatuses.map((status) => [status, 0])),
        });
    }
    for (const { queue, counts } of shards) {
      const target = queues.get(queue);
      if (!target) continue;
      for (const [status, n] of Object.entries(counts))
        target.counts[status] = (target.counts[status] ?? 0) + Number(n);
    }
    return [...queues.values()];
  }
}
