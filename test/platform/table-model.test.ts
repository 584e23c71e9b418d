import { describe, expect, it } from 'vitest';
import { demoSeedEntity } from '#platform/table/demo-seed.js';
import { idempotencyEntity } from '#platform/table/idempotency.js';
import { entities, tableDefinition } from '#platform/table/index.js';
import {
  ENTITY_ATTRIBUTE,
  indexKeyNames,
  PARTITION_KEY,
  type QuerySpec,
  SORT_KEY,
} from '#platform/table/key.js';
import { notificationEntity } from '#platform/table/notification.js';
import { organisationEntity } from '#platform/table/organisation.js';
import { keyCondition } from '#platform/table/query.js';
import { QUEUE_COUNT_SHARDS, queueCountShardEntity, queueEntity } from '#platform/table/queue.js';
import { scheduleEntity } from '#platform/table/schedule.js';
import {
  slaCalendarEntity,
  slaConfigQueries,
  slaPoliciesEntity,
  slaPolicyChangeEntity,
} from '#platform/table/sla-config.js';
import {
  eventEntity,
  feedbackEntity,
  messageEntity,
  ticketEntity,
  UNASSIGNED,
} from '#platform/table/ticket.js';
import { userEntity } from '#platform/table/user.js';

/** Whether the Query of a named access pattern returns this item: the key condition, evaluated. */
const finds = (spec: QuerySpec, item: Record<string, unknown>): boolean => {
  const names = spec.index ? indexKeyNames(spec.index) : { partitionKey: PARTITION_KEY, sortKey: SORT_KEY };
  if (item[names.partitionKey] !== spec.pk) return false;
  const sort = item[names.sortKey];
  if (typeof sort !== 'string') return false;
  return spec.skPrefix === undefined || sort.startsWith(spec.skPrefix);
};

const ticket = {
  id: '01JTICKET',
  orgId: 'acme',
  queue: 'billing',
  status: 'open',
  assigneeId: 'user-agent',
  requesterId: 'user-client',
  createdAt: '2026-03-01T10:00:00.000Z',
};

describe('the table model', () => {
  it('keeps the physical keys of every entity as they are stored', () => {
    expect(ticketEntity.key('t1')).toEqual({ pk: 'TICKET#t1', sk: 'TICKET' });
    expect(messageEntity.header.key('t1')).toEqual({ pk: 'TICKET#t1', sk: 'MSG#' });
    expect(messageEntity.key('t1', 'm1')).toEqual({ pk: 'TICKET#t1', sk: 'MSG#m1' });
    expect(eventEntity.header.key('t1')).toEqual({ pk: 'TICKET#t1', sk: 'EVENT#' });
    expect(eventEntity.key('t1', 'e1')).toEqual({ pk: 'TICKET#t1', sk: 'EVENT#e1' });
    expect(feedbackEntity.key('t1')).toEqual({ pk: 'TICKET#t1', sk: 'FEEDBACK' });
    expect(notificationEntity.key('t1', 'timeToOpen', 'breach')).toEqual({
      pk: 'TICKET#t1',
      sk: 'NOTICE#timeToOpen#breach',
    });
    expect(idempotencyEntity.key('create', 'k1')).toEqual({ pk: 'IDEMPOTENCY#create#k1', sk: 'IDEMPOTENCY' });
    expect(entities.counter.key('HD-2026')).toEqual({ pk: 'COUNTER#HD-2026', sk: 'COUNTER' });
    expect(organisationEntity.key('acme')).toEqual({ pk: 'ORG#acme', sk: 'ORG' });
    expect(userEntity.key('u1')).toEqual({ pk: 'USER#u1', sk: 'USER' });
    expect(queueEntity.key('billing')).toEqual({ pk: 'CONFIG', sk: 'QUEUE#billing' });
    expect(queueCountShardEntity.key('billing', 3)).toEqual({ pk: 'CONFIG', sk: 'QUEUE#billing#SHARD#3' });
    expect(slaPoliciesEntity.key()).toEqual({ pk: 'CONFIG', sk: 'SLA_POLICIES' });
    expect(slaCalendarEntity.key('office')).toEqual({ pk: 'CONFIG', sk: 'SLA_CALENDAR#office' });
    expect(slaPolicyChangeEntity.key(42)).toEqual({ pk: 'AUDIT#SLA_POLICIES', sk: 'VERSION#000042' });
    expect(scheduleEntity.key('sla-t1')).toEqual({ pk: 'SCHEDULE#sla-t1', sk: 'SCHEDULE' });
    expect(demoSeedEntity.key()).toEqual({ pk: 'CONFIG', sk: 'SEED#demo-v1' });
  });

  it('keeps the index attributes of tickets, users and schedules as they are stored', () => {
    const sk = '2026-03-01T10:00:00.000Z#01JTICKET';
    expect(ticketEntity.indexKeys(ticket)).toEqual({
      gsi1pk: 'ORG#acme',
      gsi1sk: sk,
      gsi2pk: 'QUEUE#billing',
      gsi2sk: `open#${sk}`,
      gsi3pk: 'ASSIGNEE#user-agent',
      gsi3sk: sk,
      gsi4pk: 'REQUESTER#user-client',
      gsi4sk: sk,
      gsi5pk: 'STATUS#open',
      gsi5sk: sk,
      gsi6pk: 'TICKETS',
      gsi6sk: sk,
    });
    expect(userEntity.indexKeys({ id: 'u1', email: 'Mia@Acme.example', role: 'agent' })).toEqual({
      gsi4pk: 'EMAIL#mia@acme.example',
      gsi4sk: 'USER',
      gsi5pk: 'ROLE#agent',
      gsi5sk: 'mia@acme.example#u1',
    });
    expect(scheduleEntity.indexKeys({ name: 's1', dueAt: '2026-03-01T10:00:00.000Z' })).toEqual({
      gsi6pk: 'SCHEDULES',
      gsi6sk: '2026-03-01T10:00:00.000Z#s1',
    });
  });

  it('finds a ticket through every list it belongs to, and not through the others', () => {
    const item = ticketEntity.item(ticket);
    const { queries } = ticketEntity;
    expect(item[ENTITY_ATTRIBUTE]).toBe('ticket');
    expect(finds(queries.ofOrganisation('acme'), item)).toBe(true);
    expect(finds(queries.ofOrganisation('globex'), item)).toBe(false);
    expect(finds(queries.inQueue('billing'), item)).toBe(true);
    expect(finds(queries.inQueue('billing', 'open'), item)).toBe(true);
    expect(finds(queries.inQueue('billing', 'pending'), item)).toBe(false);
    expect(finds(queries.ofAssignee('user-agent'), item)).toBe(true);
    expect(finds(queries.ofAssignee(null), item)).toBe(false);
    expect(finds(queries.ofRequester('user-client'), item)).toBe(true);
    expect(finds(queries.withStatus('open'), item)).toBe(true);
    expect(finds(queries.all(), item)).toBe(true);
  });

  it('lists an unassigned ticket under nobody', () => {
    const item = ticketEntity.item({ ...ticket, assigneeId: null });
    expect(finds(ticketEntity.queries.ofAssignee(null), item)).toBe(true);
    expect(item[indexKeyNames('gsi3').partitionKey]).toBe(`ASSIGNEE#${UNASSIGNED}`);
  });

  it('lists tickets newest first within each of its lists', () => {
    const older = ticketEntity.indexKeys(ticket);
    const newer = ticketEntity.indexKeys({
      ...ticket,
      id: '01JNEWER',
      createdAt: '2026-03-02T09:00:00.000Z',
    });
    for (const index of tableDefinition.globalSecondaryIndexes) {
      expect(String(newer[index.sortKey]) > String(older[index.sortKey])).toBe(true);
    }
  });

  it('reads a collection header first, then only the members of that collection', () => {
    for (const [collection, other] of [
      [messageEntity, eventEntity],
      [eventEntity, messageEntity],
    ] as const) {
      const header = collection.header.item('t1');
      const member = collection.item('t1', '01JMEMBER');
      const query = collection.queries.ofTicket('t1');
      expect(finds(query, header)).toBe(true);
      expect(finds(query, member)).toBe(true);
      expect(String(header[SORT_KEY]) < String(member[SORT_KEY])).toBe(true);
      expect(collection.header.is(header)).toBe(true);
      expect(collection.header.is(member)).toBe(false);
      expect(finds(query, other.header.item('t1'))).toBe(false);
      expect(finds(query, other.item('t1', '01JMEMBER'))).toBe(false);
      expect(finds(query, ticketEntity.item({ ...ticket, id: 't1' }))).toBe(false);
      expect(finds(query, feedbackEntity.item('t1'))).toBe(false);
      expect(finds(query, notificationEntity.item('t1', 'timeToOpen', 'breach'))).toBe(false);
      expect(finds(collection.queries.ofTicket('t2'), member)).toBe(false);
    }
  });

  it('finds a user by e-mail in any case and by role', () => {
    const user = userEntity.item({ id: 'u1', email: 'Mia@Acme.example', role: 'agent' });
    expect(finds(userEntity.queries.byEmail('MIA@acme.EXAMPLE'), user)).toBe(true);
    expect(finds(userEntity.queries.withRole('agent'), user)).toBe(true);
    expect(finds(userEntity.queries.withRole('lead'), user)).toBe(false);
  });

  it('reads every queue with its count shards, and tells them apart', () => {
    const query = queueEntity.queries.all();
    const queue = queueEntity.item('billing');
    const shards = Array.from({ length: QUEUE_COUNT_SHARDS }, (_, n) =>
      queueCountShardEntity.item('billing', n),
    );
    expect(finds(query, queue)).toBe(true);
    expect(shards.every((shard) => finds(query, shard))).toBe(true);
    expect(queueEntity.parse(queue)).toEqual({ queueId: 'billing', countShard: false });
    expect(queueEntity.parse(shards[5] ?? {})).toEqual({ queueId: 'billing', countShard: true });
    for (const other of [slaPoliciesEntity.item(), slaCalendarEntity.item('office'), demoSeedEntity.item()]) {
      expect(finds(query, other)).toBe(false);
    }
  });

  it('keys the tickets of a queue by the same value as the queue', () => {
    const item = ticketEntity.item(ticket);
    expect(item[indexKeyNames('gsi2').partitionKey]).toBe(queueEntity.key('billing').sk);
    expect(item[indexKeyNames('gsi1').partitionKey]).toBe(organisationEntity.key('acme').pk);
  });

  it('puts a ticket in the same count shard every time, within the shard count', () => {
    const shard = queueCountShardEntity.shardOf('01JTICKET');
    expect(queueCountShardEntity.shardOf('01JTICKET')).toBe(shard);
    const seen = new Set(Array.from({ length: 200 }, (_, i) => queueCountShardEntity.shardOf(`01J${i}`)));
    expect([...seen].every((n) => n >= 0 && n < QUEUE_COUNT_SHARDS)).toBe(true);
    expect(seen.size).toBe(QUEUE_COUNT_SHARDS);
  });

  it('reads the SLA policies and calendars in one Query, and nothing else of the configuration', () => {
    const policies = slaPoliciesEntity.item();
    const calendar = slaCalendarEntity.item('office');
    expect(finds(slaConfigQueries.configuration(), policies)).toBe(true);
    expect(finds(slaConfigQueries.configuration(), calendar)).toBe(true);
    expect(finds(slaConfigQueries.configuration(), queueEntity.item('billing'))).toBe(false);
    expect(finds(slaConfigQueries.configuration(), demoSeedEntity.item())).toBe(false);
    expect(finds(slaConfigQueries.calendars(), calendar)).toBe(true);
    expect(finds(slaConfigQueries.calendars(), policies)).toBe(false);
    expect([slaPoliciesEntity.is(policies), slaPoliciesEntity.is(calendar)]).toEqual([true, false]);
    expect([slaCalendarEntity.is(calendar), slaCalendarEntity.is(policies)]).toEqual([true, false]);
    expect(finds(slaConfigQueries.policyChanges(), slaPolicyChangeEntity.item(3))).toBe(true);
  });

  it('lists pending schedules by due time, and moves one by its due-order attribute', () => {
    const item = scheduleEntity.item({ name: 's1', dueAt: '2026-03-01T10:00:00.000Z' });
    expect(finds(scheduleEntity.queries.dueBy(), item)).toBe(true);
    expect(finds(ticketEntity.queries.all(), item)).toBe(false);
    const moved = scheduleEntity.dueOrder({ name: 's1', dueAt: '2026-03-01T11:00:00.000Z' });
    const moving = { ...item, [moved.attribute]: moved.value };
    expect(finds(scheduleEntity.queries.dueBy(), moving)).toBe(true);
    expect(scheduleEntity.dueOrder({ name: 's1', dueAt: '2026-03-01T10:00:00.000Z' }).value).toBe(
      item[moved.attribute],
    );
  });

  it('names every entity once', () => {
    const names = Object.values(entities).flatMap((entity) => [
      ...('name' in entity ? [entity.name] : []),
      ...('header' in entity ? [entity.header.name] : []),
    ]);
    const distinct = new Set(names);
    // Both collections share the one header entity.
    expect(names.length - distinct.size).toBe(1);
    expect(distinct.has('collection')).toBe(true);
  });

  it('defines the table with six GSIs keyed gsiNpk / gsiNsk and the TTL attribute', () => {
    expect(tableDefinition).toEqual({
      partitionKey: 'pk',
      sortKey: 'sk',
      ttlAttribute: 'expiresAt',
      globalSecondaryIndexes: [1, 2, 3, 4, 5, 6].map((n) => ({
        indexName: `gsi${n}`,
        partitionKey: `gsi${n}pk`,
        sortKey: `gsi${n}sk`,
      })),
    });
  });

  it('builds a Query on the index attributes of a named access pattern', () => {
    expect(keyCondition(ticketEntity.queries.inQueue('billing', 'open'))).toEqual({
      IndexName: 'gsi2',
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :sk)',
      ExpressionAttributeNames: { '#pk': 'gsi2pk', '#sk': 'gsi2sk' },
      ExpressionAttributeValues: { ':pk': 'QUEUE#billing', ':sk': 'open#' },
      ScanIndexForward: false,
    });
    expect(keyCondition(messageEntity.queries.ofTicket('t1'))).toEqual({
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :sk)',
      ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
      ExpressionAttributeValues: { ':pk': 'TICKET#t1', ':sk': 'MSG#' },
      ScanIndexForward: true,
    });
  });
});
