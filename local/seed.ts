import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoUserDirectory } from '#identity/adapters/dynamodb-user-directory.js';
import { hashPassword } from '#identity/password.js';
import type { User } from '#identity/user.js';
import { PreconditionFailed } from '#platform/errors.js';
import { demoSeedEntity } from '#platform/table/demo-seed.js';
import { mailDomainEntity } from '#platform/table/inbound-mail.js';
import { ITEM_ABSENT } from '#platform/table/key.js';
import { organisationEntity } from '#platform/table/organisation.js';
import { QUEUE_COUNT_SHARDS, queueCountShardEntity, queueEntity } from '#platform/table/queue.js';
import { DynamoSlaConfigStore } from '#sla/adapters/dynamodb-sla-config-store.js';
import { SlaCalendar } from '#sla/calendar.js';
import { defaultPolicies } from '#sla/policy.js';

export const demoOrganisations = [
  // Acme's clients may also set a priority; Globex keeps the default (category only).
  { id: 'acme', name: 'Acme Corporation', domains: ['acme.example'], clientMay: ['category', 'priority'] },
  { id: 'globex', name: 'Globex Inc.', domains: ['globex.example'], clientMay: ['category'] },
];

export const demoQueues = [
  { id: 'general', name: 'General' },
  { id: 'billing', name: 'Billing' },
  { id: 'technical', name: 'Technical' },
];

export const demoUsers: User[] = [
  {
    id: 'user-client-acme',
    email: 'client@acme.example',
    name: 'Alice Acme',
    role: 'client',
    orgId: 'acme',
    locale: 'en',
    timeZone: 'Europe/Berlin',
  },
  {
    id: 'user-client-globex',
    email: 'client@globex.example',
    name: 'Gustav Globex',
    role: 'client',
    orgId: 'globex',
    locale: 'de',
    timeZone: 'Europe/Berlin',
  },
  {
    id: 'user-agent',
    email: 'agent@helpdesk.example',
    name: 'Agnes Agent',
    role: 'agent',
    orgId: null,
    locale: 'en',
    timeZone: 'Europe/Tallinn',
  },
  {
    id: 'user-agent2',
    email: 'agent2@helpdesk.example',
    name: 'Piotr Agent',
    role: 'agent',
    orgId: null,
    locale: 'pl',
    timeZone: 'Europe/Warsaw',
  },
  {
    id: 'user-lead',
    email: 'lead@helpdesk.example',
    name: 'Liis Lead',
    role: 'lead',
    orgId: null,
    locale: 'et',
    timeZone: 'Europe/Tallinn',
  },
  {
    id: 'user-admin',
    email: 'admin@helpdesk.example',
    name: 'Adam Admin',
    role: 'admin',
    orgId: null,
    locale: 'en',
    timeZone: 'UTC',
  },
];

/**
 * Seeds the demo data once: a marker item written with a condition decides, so a second
 * start (or two starts racing) keeps everything that is there.
 */
export const seedDemoData = async (
  db: DynamoDBDocumentClient,
  tableName: string,
  password: string,
): Promise<boolean> => {
  if (!(await claimSeed(db, tableName))) return false;
  for (const org of demoOrganisations) {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...organisationEntity.item(org.id), ...org },
      }),
    );
  }
  for (const queue of demoQueues) {
    await createQueue(db, tableName, queue);
  }
  const users = new DynamoUserDirectory(db, tableName);
  const passwordHash = await hashPassword(password);
  for (const user of demoUsers) await users.put({ ...user, passwordHash });
  await seedSlaConfiguration(db, tableName);
  return true;
};

/** The organisation and queue of mail from senders of no known organisation (docs/inbound-mail.md). */
export const TRIAGE = {
  organisation: { id: 'triage', name: 'Unsorted senders', domains: [] },
  queue: { id: 'triage', name: 'Triage' },
};

/**
 * The e-mail channel's part of the seed, with a marker of its own so tables seeded before it
 * get it too: each demo organisation's mail domains (one pointer item per domain, how an
 * unknown sender's organisation is found) and the triage organisation and queue.
 */
export const seedMailChannel = async (db: DynamoDBDocumentClient, tableName: string): Promise<boolean> => {
  if (!(await claimSeed(db, tableName, 'mail-channel-v1'))) return false;
  for (const org of demoOrganisations) {
    for (const domain of org.domains) {
      await db.send(
        new PutCommand({ TableName: tableName, Item: { ...mailDomainEntity.item(domain), orgId: org.id } }),
      );
    }
  }
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...organisationEntity.item(TRIAGE.organisation.id), ...TRIAGE.organisation },
    }),
  );
  await createQueue(db, tableName, TRIAGE.queue);
  return true;
};

/**
 * Writes a seed marker unless it is there: true for the one start that wrote it (and so seeds
 * that part of the demo), false for every later or racing start.
 */
export const claimSeed = async (
  db: DynamoDBDocumentClient,
  tableName: string,
  version?: string,
): Promise<boolean> => {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...demoSeedEntity.item(version), at: new Date().toISOString() },
        ConditionExpression: ITEM_ABSENT,
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
};

/** Office hours of the demo desk, for policies that count business time (split shift, Estonian holidays). */
export const demoCalendar: SlaCalendar = SlaCalendar.parse({
  id: 'office-tallinn',
  name: 'Office hours, Tallinn',
  timeZone: 'Europe/Tallinn',
  weeklyHours: Object.fromEntries(
    ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => [
      day,
      [
        { from: '08:00', to: '12:00' },
        { from: '13:00', to: '17:00' },
      ],
    ]),
  ),
  holidays: [
    '2026-01-01',
    '2026-02-24',
    '2026-04-03',
    '2026-05-01',
    '2026-06-23',
    '2026-06-24',
    '2026-08-20',
    '2026-12-24',
    '2026-12-25',
    '2026-12-26',
    '2027-01-01',
  ],
});

/** The default SLA policies (one per priority, 24×7) as version 1, and the demo calendar. */
export const seedSlaConfiguration = async (db: DynamoDBDocumentClient, tableName: string) => {
  const sla = new DynamoSlaConfigStore(db, tableName);
  await sla.saveCalendar(demoCalendar);
  await sla
    .savePolicies({
      policies: defaultPolicies(),
      previous: [],
      expectedVersion: 0,
      actor: { id: 'seed', name: 'Demo data', role: 'admin' },
      at: new Date().toISOString(),
    })
    .catch((error: Error) => {
      // An admin saved policies already: keep theirs.
      if (!(error instanceof PreconditionFailed)) throw error;
    });
};

/** A queue: its definition plus the count shards that ticket writes update atomically. */
export const createQueue = async (
  db: DynamoDBDocumentClient,
  tableName: string,
  queue: { id: string; name: string },
) => {
  await db.send(new PutCommand({ TableName: tableName, Item: { ...queueEntity.item(queue.id), ...queue } }));
  for (let shard = 0; shard < QUEUE_COUNT_SHARDS; shard++) {
    await db
      .send(
        new PutCommand({
          TableName: tableName,
          Item: { ...queueCountShardEntity.item(queue.id, shard), counts: {} },
          ConditionExpression: ITEM_ABSENT,
        }),
      )
      .catch((error: Error) => {
        if (error.name !== 'ConditionalCheckFailedException') throw error;
      });
  }
};
