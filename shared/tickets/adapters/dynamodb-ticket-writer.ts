import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { Conflict, Contended, Invalid, PreconditionFailed } from '#platform/errors.js';
import { agentStateEntity } from '#platform/table/agent-state.js';
import { attachmentEntity } from '#platform/table/attachment.js';
import { counterEntity } from '#platform/table/counter.js';
import { ticketReferenceEntity } from '#platform/table/inbound-mail.js';
import { ITEM_ABSENT, ITEM_PRESENT } from '#platform/table/key.js';
import { queueCountShardEntity } from '#platform/table/queue.js';
import { eventEntity, messageEntity, ticketEntity } from '#platform/table/ticket.js';
import {
  AssigneeAtCapacity,
  IdempotencyKeyTaken,
  MergeTargetMoved,
  type TicketChange,
  type TicketMerge,
} from '../ports.js';
import type { Ticket } from '../schemas.js';
import { loadsAssignee } from '../status.js';
import { eventItem, feedbackItem, idempotencyItem, messageItem, ticketItem } from './ticket-items.js';

const MAX_CONFLICT_RETRIES = 6;
/** Appends to one busy ticket collide with each other's transactions; each collision is retried. */
const MAX_APPEND_CONFLICT_RETRIES = 12;

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
/** What an item of the transaction stands for, to tell which domain error a failed condition is. */
type Role = 'ticket' | 'queue' | 'feedback' | 'idempotency' | 'attachment' | 'capacity' | 'other';
interface RoledItem {
  role: Role;
  item: TransactItem;
  /** The attachment an `attachment` item claims. */
  attachmentId?: string;
}

const absent = { ConditionExpression: ITEM_ABSENT };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The domain error a cancelled transaction stands for, or `retry` when only shared aggregates
 * (queue count shards) collided with another transaction: the change itself is still valid.
 */
const decodeCancellation = (
  error: TransactionCanceledException,
  items: RoledItem[],
  change: TicketChange,
  ticketConflict: 'retry' | undefined,
): Error | 'retry' => {
  const { ticket, previous } = change;
  const failed = (error.CancellationReasons ?? []).map((reason, i) => ({
    code: reason.Code,
    role: items[i]?.role,
    attachmentId: items[i]?.attachmentId,
  }));
  const conditionFailed = failed.find((f) => f.code === 'ConditionalCheckFailed');
  if (conditionFailed?.role === 'attachment') {
    return new Invalid(`Attachment ${conditionFailed.attachmentId} was taken by another message meanwhile`, [
      { path: 'attachmentIds', message: `${conditionFailed.attachmentId} is already used` },
    ]);
  }
  if (conditionFailed?.role === 'idempotency')
    return new IdempotencyKeyTaken(change.idempotency?.scope ?? '', change.idempotency?.key ?? '');
  if (conditionFailed?.role === 'capacity')
    return new AssigneeAtCapacity(change.capacityCheck?.assigneeId ?? '');
  if (conditionFailed?.role === 'feedback') return new Conflict('Feedback was already given for this ticket');
  if (conditionFailed?.role === 'queue') {
    return new Invalid(`There is no queue '${ticket.queue}'`, [
      { path: 'queue', message: 'Unknown queue; see GET /api/v1/queues' },
    ]);
  }
  const conflictOnTicket = failed[0]?.code === 'TransactionConflict';
  // An append carries no version: a concurrent write to the ticket does not invalidate it.
  if (conflictOnTicket && ticketConflict === 'retry' && conditionFailed === undefined) return 'retry';
  if (conditionFailed?.role === 'ticket' || (conflictOnTicket && previous)) {
    return new PreconditionFailed(
      'The ticket changed while this request was being processed: reload and retry',
    );
  }
  if (failed.some((f) => f.code === 'TransactionConflict')) return 'retry';
  return error;
};

/** The writes of the ticket store: blocks of reference numbers and one transaction per ticket change. */
export class DynamoTicketWriter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Reserves `count` numbers of the counter at once; resolves to the last of them. */
  async reserveSequence(name: string, count: number): Promise<number> {
    const result = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: counterEntity.key(name),
        UpdateExpression: 'ADD #value :count',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':count': count },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const value = result.Attributes?.value;
    if (typeof value !== 'number') throw new Error(`Counter ${name} returned no value`);
    return value;
  }

  /**
   * One TransactWriteItems: the ticket conditioned on the version it was read at (or on not
   * existing), new collection headers, events, messages, feedback and idempotency record, and
   * the queue count shards. A collision on the shards only is retried with backoff.
   */
  async commit(change: TicketChange): Promise<number> {
    if (change.appendWithoutVersion && change.previous) return this.append(change, change.previous);
    await this.transact(change, this.transactItems(change));
    return change.ticket.version;
  }

  /**
   * A change that only adds items (a message, a note), in one TransactWriteItems: the ticket's
   * version and updatedAt move with an Update (ADD, no version condition: concurrent appends
   * never fail each other), conditioned only on the status the change was computed from, and
   * its messages, events and idempotency record land with it. A status change meanwhile is
   * PreconditionFailed (the caller recomputes on fresh state); a transaction on the ticket in
   * flight is a conflict, retried here. The version returned is the one this append made from
   * what it read (`previous.version + 1`): if other appends landed meanwhile the ticket is
   * further, so an If-Match with it is refused (412), never a lost update.
   */
  private async append(change: TicketChange, previous: Ticket): Promise<number> {
    const stamped = change.ticket.sla.lastPublicMessageAt;
    const publicMessageAt = stamped && stamped !== previous.sla.lastPublicMessageAt ? stamped : null;
    const put = (Item: Record<string, unknown>, role: Role = 'other', condition: object = {}): RoledItem => ({
      role,
      item: { Put: { TableName: this.tableName, Item, ...condition } },
    });
    await this.transact(
      change,
      [
        {
          role: 'ticket',
          item: {
            Update: {
              TableName: this.tableName,
              Key: ticketEntity.key(previous.id),
              // A public message also moves the last public message's time (idleness).
              UpdateExpression: publicMessageAt
                ? 'SET #updatedAt = :at, #sla.#lastPublic = :lastPublic ADD #version :one'
                : 'SET #updatedAt = :at ADD #version :one',
              ConditionExpression: `${ITEM_PRESENT} AND #status = :status`,
              ExpressionAttributeNames: {
                '#updatedAt': 'updatedAt',
                '#version': 'version',
                '#status': 'status',
                ...(publicMessageAt ? { '#sla': 'sla', '#lastPublic': 'lastPublicMessageAt' } : {}),
              },
              ExpressionAttributeValues: {
                ':at': change.ticket.updatedAt,
                ':one': 1,
                ':status': previous.status,
                ...(publicMessageAt ? { ':lastPublic': publicMessageAt } : {}),
              },
            },
          },
        },
        ...change.events.map((event) => put(eventItem(previous.id, event))),
        ...(change.messages ?? []).map((message) => put(messageItem(previous.id, message))),
        // A reply's Idempotency-Key lands with its message, or the message does not land at all.
        ...(change.idempotency ? [put(idempotencyItem(change.idempotency), 'idempotency', absent)] : []),
        ...this.attachmentClaims(previous.id, change),
      ],
      { ticketConflict: 'retry' },
    );
    return previous.version + 1;
  }

  /**
   * A merge in one TransactWriteItems (ports.ts, TicketMerge): the source as any versioned change
   * (ticket, events, queue counts), and on the target an Update of version and updatedAt
   * conditioned on its status and organisation, its event and the copied conversation.
   * A collision with another transaction on the source is a PreconditionFailed (the caller
   * re-reads: a concurrent merge of the same source wins once); one elsewhere is retried, and
   * when it persists the merge is Contended (409, the caller tries again).
   */
  async commitMerge(merge: TicketMerge): Promise<number> {
    const { source, target } = merge;
    const items = this.transactItems(source);
    const sourceItems = items.length;
    const put = (Item: Record<string, unknown>): RoledItem => ({
      role: 'other',
      item: { Put: { TableName: this.tableName, Item } },
    });
    items.push(
      {
        role: 'other',
        item: {
          Update: {
            TableName: this.tableName,
            Key: ticketEntity.key(target.previous.id),
            UpdateExpression: 'SET #updatedAt = :at ADD #version :one',
            ConditionExpression: `${ITEM_PRESENT} AND #status = :status AND #orgId = :orgId`,
            ExpressionAttributeNames: {
              '#updatedAt': 'updatedAt',
              '#version': 'version',
              '#status': 'status',
              '#orgId': 'orgId',
            },
            ExpressionAttributeValues: {
              ':at': target.updatedAt,
              ':one': 1,
              ':status': target.previous.status,
              ':orgId': target.previous.orgId,
            },
          },
        },
      },
      ...target.events.map((event) => put(eventItem(target.previous.id, event))),
      ...target.messages.map((message) => put(messageItem(target.previous.id, message))),
    );
    const TransactItems = items.map((entry) => entry.item);
    for (let attempt = 0; ; attempt++) {
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems }));
        return source.ticket.version;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code);
        if (reasons[0] === 'ConditionalCheckFailed' || reasons[0] === 'TransactionConflict') {
          throw new PreconditionFailed('The ticket changed while it was being merged: reload and retry');
        }
        if (reasons[sourceItems] === 'ConditionalCheckFailed') throw new MergeTargetMoved(target.previous.id);
        if (!reasons.includes('TransactionConflict')) throw error;
        if (attempt >= MAX_CONFLICT_RETRIES)
          throw new Contended('Other changes kept these tickets busy: retry in a moment');
        await sleep(10 * 2 ** Math.min(attempt, 5) + Math.random() * 20);
      }
    }
  }

  private async transact(
    change: TicketChange,
    items: RoledItem[],
    options: { ticketConflict?: 'retry' } = {},
  ): Promise<void> {
    const TransactItems = items.map((entry) => entry.item);
    const retries = options.ticketConflict ? MAX_APPEND_CONFLICT_RETRIES : MAX_CONFLICT_RETRIES;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems }));
        return;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const decoded = decodeCancellation(error, items, change, options.ticketConflict);
        if (decoded === 'retry' && attempt < retries) {
          await sleep(10 * 2 ** Math.min(attempt, 5) + Math.random() * 20);
          continue;
        }
        throw decoded === 'retry'
          ? new Contended('Other changes kept this ticket busy: retry in a moment')
          : decoded;
      }
    }
  }

  private transactItems(change: TicketChange): RoledItem[] {
    const { ticket, previous } = change;
    const put = (role: Role, Item: Record<string, unknown>, condition: object = {}): RoledItem => ({
      role,
      item: { Put: { TableName: this.tableName, Item, ...condition } },
    });
    const items: RoledItem[] = [
      put(
        'ticket',
        ticketItem(ticket),
        previous
          ? {
              ConditionExpression: '#version = :expected',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':expected': previous.version },
            }
          : absent,
      ),
    ];
    if (!previous) {
      // A reply's subject names the ticket by its reference: one GetItem finds it (docs/inbound-mail.md).
      items.push(
        put('other', { ...ticketReferenceEntity.item(ticket.reference), ticketId: ticket.id }, absent),
      );
      for (const collection of [messageEntity, eventEntity]) {
        items.push(
          put(
            'other',
            { ...collection.header.item(ticket.id), orgId: ticket.orgId, internal: false },
            absent,
          ),
        );
      }
    }
    if (previous && previous.orgId !== ticket.orgId) {
      // A triage ticket moved to an organisation: its collections answer that organisation's clients now.
      for (const collection of [messageEntity, eventEntity]) {
        items.push({
          role: 'other',
          item: {
            Update: {
              TableName: this.tableName,
              Key: collection.header.key(ticket.id),
              UpdateExpression: 'SET #orgId = :orgId',
              ExpressionAttributeNames: { '#orgId': 'orgId' },
              ExpressionAttributeValues: { ':orgId': ticket.orgId },
            },
          },
        });
      }
    }
    for (const event of change.events) items.push(put('other', eventItem(ticket.id, event)));
    for (const message of change.messages ?? []) items.push(put('other', messageItem(ticket.id, message)));
    if (change.feedback) items.push(put('feedback', feedbackItem(ticket.id, change.feedback), absent));
    if (change.idempotency) items.push(put('idempotency', idempotencyItem(change.idempotency), absent));
    items.push(...this.attachmentClaims(ticket.id, change));
    for (const update of this.queueCountUpdates(ticket, previous))
      items.push({ role: 'queue', item: { Update: update } });
    items.push(...this.assigneeLoadUpdates(change));
    return items;
  }

  /**
   * Each file a new message lists is taken in the same transaction: conditioned on being
   * verified (or a mail's file whose type checked out and only awaits the malware scan's verdict,
   * docs/attachments.md) and free, marked with the message (and whether it is an internal note's).
   */
  private attachmentClaims(ticketId: string, change: TicketChange): RoledItem[] {
    return (change.messages ?? []).flatMap((message) =>
      (message.attachments ?? []).map(
        (attachment): RoledItem => ({
          role: 'attachment',
          attachmentId: attachment.id,
          item: {
            Update: {
              TableName: this.tableName,
              Key: attachmentEntity.key(ticketId, attachment.id),
              UpdateExpression: 'SET #messageId = :messageId, #internal = :internal',
              ConditionExpression: `${ITEM_PRESENT} AND (#status = :available OR #awaitingScan = :awaiting) AND attribute_not_exists(#messageId)`,
              ExpressionAttributeNames: {
                '#messageId': 'messageId',
                '#internal': 'internal',
                '#status': 'status',
                '#awaitingScan': 'awaitingScan',
              },
              ExpressionAttributeValues: {
                ':messageId': message.id,
                ':internal': message.internal,
                ':available': 'available',
                ':awaiting': true,
              },
            },
          },
        }),
      ),
    );
  }

  /**
   * The routing counters of the agents the change gives or takes an open ticket (docs/routing.md):
   * one ADD per agent whose load moves. An auto-assignment's +1 is conditioned on the agent being
   * below the capacity it was chosen under, so concurrent assignments never pass it.
   */
  private assigneeLoadUpdates(change: TicketChange): RoledItem[] {
    const before = change.previous ? loadsAssignee(change.previous) : null;
    const after = loadsAssignee(change.ticket);
    if (before === after) return [];
    const items: RoledItem[] = [];
    if (before) {
      items.push({
        role: 'other',
        item: {
          Update: {
            TableName: this.tableName,
            Key: agentStateEntity.key(before),
            UpdateExpression: 'ADD #open :minus',
            ExpressionAttributeNames: { '#open': 'openAssigned' },
            ExpressionAttributeValues: { ':minus': -1 },
          },
        },
      });
    }
    if (after) {
      const limit = change.capacityCheck?.assigneeId === after ? change.capacityCheck.capacity : null;
      items.push({
        role: limit === null ? 'other' : 'capacity',
        item: {
          Update: {
            TableName: this.tableName,
            Key: agentStateEntity.key(after),
            UpdateExpression: 'SET #last = :at ADD #open :plus',
            ExpressionAttributeNames: { '#open': 'openAssigned', '#last': 'lastAssignment' },
            ExpressionAttributeValues: {
              ':plus': 1,
              ':at': `${change.ticket.updatedAt}#${change.ticket.id}`,
              ...(limit === null ? {} : { ':capacity': limit }),
            },
            ...(limit === null
              ? {}
              : { ConditionExpression: 'attribute_not_exists(#open) OR #open < :capacity' }),
          },
        },
      });
    }
    return items;
  }

  /** The ticket's count shard moves by one status (or queue); the shard must exist (the queue does). */
  private queueCountUpdates(ticket: Ticket, previous: Ticket | null) {
    const shard = queueCountShardEntity.shardOf(ticket.id);
    const update = (queue: string, deltas: [string, number][]) => ({
      TableName: this.tableName,
      Key: queueCountShardEntity.key(queue, shard),
      UpdateExpression: `ADD ${deltas.map((_, i) => `#counts.#s${i} :d${i}`).join(', ')}`,
      ConditionExpression: ITEM_PRESENT,
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
}
