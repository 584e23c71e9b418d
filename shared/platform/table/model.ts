/**
 * The single-table model. Every access pattern of the product is named here and every key
 * is built here; infra derives the table and its GSIs from `tableDefinition`, the local
 * runtime creates the same table from it, and adapters import the key builders.
 *
 * | entity            | pk                      | sk                         |
 * |-------------------|-------------------------|----------------------------|
 * | ticket            | TICKET#<id>             | TICKET                     |
 * | messages header   | TICKET#<id>             | MSG#                       |
 * | message           | TICKET#<id>             | MSG#<ulid>                 |
 * | events header     | TICKET#<id>             | EVENT#                     |
 * | event (history)   | TICKET#<id>             | EVENT#<ulid>               |
 * | feedback          | TICKET#<id>             | FEEDBACK                   |
 * | notification      | TICKET#<id>             | NOTICE#<clock>#<level>     |
 * | idempotency       | IDEMPOTENCY#<scope>#<key>| IDEMPOTENCY               |
 * | counter           | COUNTER#<name>          | COUNTER                    |
 * | organisation      | ORG#<id>                | ORG                        |
 * | user              | USER#<id>               | USER                       |
 * | queue + aggregate | CONFIG                  | QUEUE#<id>                 |
 * | SLA policies      | CONFIG                  | SLA_POLICIES               |
 * | SLA calendar      | CONFIG                  | SLA_CALENDAR#<id>          |
 * | policy change     | AUDIT#SLA_POLICIES      | VERSION#<000042>           |
 * | pending schedule  | SCHEDULE#<name>         | SCHEDULE                   |
 *
 * GSIs are overloaded by entity (`gsiNpk` / `gsiNsk`):
 *   gsi1 tickets by organisation · gsi2 tickets by queue then status · gsi3 tickets by assignee ·
 *   gsi4 tickets by requester, users by e-mail · gsi5 tickets by status, users by role ·
 *   gsi6 all tickets by creation, pending schedules by due time.
 * Ticket sort keys are `<createdAt>#<id>`, so every list is newest-first with a stable order.
 *
 * Each collection under a ticket starts with a header item (`MSG#`, `EVENT#`) that sorts
 * before its members and carries the ticket's organisation, so listing messages or events
 * checks visibility and reads the first page in one Query.
 */

export const TTL_ATTRIBUTE = 'expiresAt';

export const indexNames = ['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi5', 'gsi6'] as const;
export type IndexName = (typeof indexNames)[number];

export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: TTL_ATTRIBUTE,
  globalSecondaryIndexes: indexNames.map((name) => ({
    indexName: name,
    partitionKey: `${name}pk`,
    sortKey: `${name}sk`,
  })),
} as const;

export interface Key {
  pk: string;
  sk: string;
}

const sortable = (createdAt: string, id: string) => `${createdAt}#${id}`;

export const keys = {
  ticket: (ticketId: string): Key => ({ pk: `TICKET#${ticketId}`, sk: 'TICKET' }),
  messagesHeader: (ticketId: string): Key => ({ pk: `TICKET#${ticketId}`, sk: 'MSG#' }),
  eventsHeader: (ticketId: string): Key => ({ pk: `TICKET#${ticketId}`, sk: 'EVENT#' }),
  message: (ticketId: string, messageId: string): Key => ({
    pk: `TICKET#${ticketId}`,
    sk: `MSG#${messageId}`,
  }),
  event: (ticketId: string, eventId: string): Key => ({ pk: `TICKET#${ticketId}`, sk: `EVENT#${eventId}` }),
  feedback: (ticketId: string): Key => ({ pk: `TICKET#${ticketId}`, sk: 'FEEDBACK' }),
  notification: (ticketId: string, clock: string, level: string): Key => ({
    pk: `TICKET#${ticketId}`,
    sk: `NOTICE#${clock}#${level}`,
  }),
  idempotency: (scope: string, key: string): Key => ({
    pk: `IDEMPOTENCY#${scope}#${key}`,
    sk: 'IDEMPOTENCY',
  }),
  counter: (name: string): Key => ({ pk: `COUNTER#${name}`, sk: 'COUNTER' }),
  organisation: (orgId: string): Key => ({ pk: `ORG#${orgId}`, sk: 'ORG' }),
  user: (userId: string): Key => ({ pk: `USER#${userId}`, sk: 'USER' }),
  queue: (queueId: string): Key => ({ pk: 'CONFIG', sk: `QUEUE#${queueId}` }),
  /** One of a queue's count shards (see QUEUE_COUNT_SHARDS in the DynamoDB adapter). */
  queueShard: (queueId: string, shard: number): Key => ({
    pk: 'CONFIG',
    sk: `QUEUE#${queueId}#SHARD#${shard}`,
  }),
  slaPolicies: (): Key => ({ pk: 'CONFIG', sk: 'SLA_POLICIES' }),
  calendar: (calendarId: string): Key => ({ pk: 'CONFIG', sk: `SLA_CALENDAR#${calendarId}` }),
  /** One record per saved version of the SLA policies: who changed what, when. */
  slaPolicyChange: (version: number): Key => ({
    pk: 'AUDIT#SLA_POLICIES',
    sk: `VERSION#${String(version).padStart(6, '0')}`,
  }),
  schedule: (name: string): Key => ({ pk: `SCHEDULE#${name}`, sk: 'SCHEDULE' }),
};

/** The GSI attributes a ticket item carries, derived from its indexed fields. */
export const ticketIndexKeys = (ticket: {
  id: string;
  orgId: string;
  queue: string;
  status: string;
  assigneeId: string | null;
  requesterId: string;
  createdAt: string;
}): Record<string, string> => {
  const sk = sortable(ticket.createdAt, ticket.id);
  return {
    gsi1pk: `ORG#${ticket.orgId}`,
    gsi1sk: sk,
    gsi2pk: `QUEUE#${ticket.queue}`,
    gsi2sk: `${ticket.status}#${sk}`,
    gsi3pk: `ASSIGNEE#${ticket.assigneeId ?? 'none'}`,
    gsi3sk: sk,
    gsi4pk: `REQUESTER#${ticket.requesterId}`,
    gsi4sk: sk,
    gsi5pk: `STATUS#${ticket.status}`,
    gsi5sk: sk,
    gsi6pk: 'TICKETS',
    gsi6sk: sk,
  };
};

export const userIndexKeys = (user: { id: string; email: string; role: string }): Record<string, string> => ({
  gsi4pk: `EMAIL#${user.email.toLowerCase()}`,
  gsi4sk: 'USER',
  gsi5pk: `ROLE#${user.role}`,
  gsi5sk: `${user.email.toLowerCase()}#${user.id}`,
});

export const scheduleIndexKeys = (schedule: { name: string; dueAt: string }): Record<string, string> => ({
  gsi6pk: 'SCHEDULES',
  gsi6sk: `${schedule.dueAt}#${schedule.name}`,
});

/** The named queries of the product: which index, which partition, which sort-key prefix. */
export interface QuerySpec {
  index?: IndexName;
  pk: string;
  skPrefix?: string;
  /** Newest first unless false. */
  descending?: boolean;
}

export const queries = {
  messagesOfTicket: (ticketId: string): QuerySpec => ({
    pk: `TICKET#${ticketId}`,
    skPrefix: 'MSG#',
    descending: false,
  }),
  eventsOfTicket: (ticketId: string): QuerySpec => ({
    pk: `TICKET#${ticketId}`,
    skPrefix: 'EVENT#',
    descending: false,
  }),
  ticketsOfOrganisation: (orgId: string): QuerySpec => ({ index: 'gsi1', pk: `ORG#${orgId}` }),
  ticketsInQueue: (queue: string, status?: string): QuerySpec => ({
    index: 'gsi2',
    pk: `QUEUE#${queue}`,
    ...(status ? { skPrefix: `${status}#` } : {}),
  }),
  ticketsOfAssignee: (assigneeId: string | null): QuerySpec => ({
    index: 'gsi3',
    pk: `ASSIGNEE#${assigneeId ?? 'none'}`,
  }),
  ticketsOfRequester: (requesterId: string): QuerySpec => ({ index: 'gsi4', pk: `REQUESTER#${requesterId}` }),
  ticketsWithStatus: (status: string): QuerySpec => ({ index: 'gsi5', pk: `STATUS#${status}` }),
  allTickets: (): QuerySpec => ({ index: 'gsi6', pk: 'TICKETS' }),
  userByEmail: (email: string): QuerySpec => ({ index: 'gsi4', pk: `EMAIL#${email.toLowerCase()}` }),
  usersWithRole: (role: string): QuerySpec => ({ index: 'gsi5', pk: `ROLE#${role}`, descending: false }),
  queues: (): QuerySpec => ({ pk: 'CONFIG', skPrefix: 'QUEUE#', descending: false }),
  calendars: (): QuerySpec => ({ pk: 'CONFIG', skPrefix: 'SLA_CALENDAR#', descending: false }),
  /** The SLA policies and every calendar in one Query (their sort keys share the prefix). */
  slaConfiguration: (): QuerySpec => ({ pk: 'CONFIG', skPrefix: 'SLA_', descending: false }),
  slaPolicyChanges: (): QuerySpec => ({ pk: 'AUDIT#SLA_POLICIES', skPrefix: 'VERSION#' }),
  schedulesDueBy: (): QuerySpec => ({ index: 'gsi6', pk: 'SCHEDULES', descending: false }),
};
