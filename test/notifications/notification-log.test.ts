import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { localDynamoClient } from '#local/dynamodb.js';
import { ensureTable } from '#local/table.js';
import { DynamoNotificationLog } from '#notifications/adapters/dynamodb-notification-log.js';
import type { NotificationKey } from '#notifications/notices.js';
import { NoticeClaimLost, type NotificationLog } from '#notifications/ports.js';
import { createDocumentClient } from '#platform/adapters/dynamodb-client.js';
import { testDynamoEndpoint } from '../support/dynamo-endpoint.js';
import { InMemoryNotificationLog } from './memory-notification-log.js';

const tableName = `helpdesk-notices-${randomBytes(4).toString('hex')}`;
const at = (iso: string) => new Date(iso);
const minute = 60_000;

let keyCounter = 0;
const aKey = (): NotificationKey => ({
  ticketId: `T${randomBytes(6).toString('hex')}`,
  clock: 'timeToOpen',
  level: `reminder-${++keyCounter}`,
});

const claimAt = (log: NotificationLog, key: NotificationKey, owner: string, iso: string) =>
  log.claim(key, { kind: 'reminder', owner, now: at(iso), leaseUntil: new Date(at(iso).getTime() + minute) });

const adapters: [string, () => NotificationLog][] = [
  ['in memory', () => new InMemoryNotificationLog()],
  [
    'on DynamoDB Local',
    () => {
      const endpoint = testDynamoEndpoint();
      const db = createDocumentClient({
        endpoint,
        region: 'eu-central-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      return new DynamoNotificationLog(db, tableName);
    },
  ],
];

beforeAll(async () => {
  await ensureTable(localDynamoClient(testDynamoEndpoint()), tableName);
});

describe.each(adapters)('notification log %s', (_name, create) => {
  it('lets exactly one attempt claim a new notice', async () => {
    // Prepare
    const log = create();
    const key = aKey();

    // Act
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((owner) => claimAt(log, key, owner, '2026-03-29T10:00:00Z')),
    );

    // Assess
    expect(results.filter((r) => r.outcome === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'busy')).toHaveLength(3);
    expect(results.find((r) => r.outcome === 'busy')).toEqual({
      outcome: 'busy',
      leaseUntil: '2026-03-29T10:01:00.000Z',
    });
  });

  it('answers "sent" once the notice is complete, and never hands it out again', async () => {
    // Prepare
    const log = create();
    const key = aKey();
    await claimAt(log, key, 'a', '2026-03-29T10:00:00Z');
    await log.recordDelivery(key, 'a', { recipient: 'x@example.com', providerMessageId: 'ses-1' });
    await log.complete(key, 'a', at('2026-03-29T10:00:01Z'));

    // Act
    const soon = await claimAt(log, key, 'b', '2026-03-29T10:00:02Z');
    const muchLater = await claimAt(log, key, 'c', '2026-04-29T10:00:00Z');

    // Assess
    expect(soon).toEqual({ outcome: 'sent' });
    expect(muchLater).toEqual({ outcome: 'sent' });
    expect(await log.find(key)).toMatchObject({
      key,
      kind: 'reminder',
      state: 'sent',
      deliveredTo: ['x@example.com'],
      owner: null,
      leaseUntil: null,
      attempts: 1,
      sentAt: '2026-03-29T10:00:01.000Z',
    });
  });

  it('records the last delivery with the completion, so a one-recipient notice is two writes', async () => {
    // Prepare
    const log = create();
    const key = aKey();
    await claimAt(log, key, 'a', '2026-03-29T10:00:00Z');
    await log.recordDelivery(key, 'a', { recipient: 'first@example.com', providerMessageId: 'ses-1' });

    // Act
    await log.complete(key, 'a', at('2026-03-29T10:00:01Z'), {
      recipient: 'second@example.com',
      providerMessageId: 'ses-2',
    });

    // Assess
    expect(await log.find(key)).toMatchObject({
      state: 'sent',
      deliveredTo: ['first@example.com', 'second@example.com'],
      owner: null,
      sentAt: '2026-03-29T10:00:01.000Z',
    });
    await expect(
      log.complete(key, 'a', at('2026-03-29T10:00:02Z'), {
        recipient: 'third@example.com',
        providerMessageId: 'ses-3',
      }),
    ).rejects.toBeInstanceOf(NoticeClaimLost);
    expect((await log.find(key))?.deliveredTo).not.toContain('third@example.com');
  });

  it('hands a released notice to the next attempt at once, with the deliveries made so far', async () => {
    // Prepare
    const log = create();
    const key = aKey();
    await claimAt(log, key, 'a', '2026-03-29T10:00:00Z');
    await log.recordDelivery(key, 'a', { recipient: 'first@example.com', providerMessageId: 'ses-1' });
    await log.release(key, 'a', 'Throttling');

    // Act
    const next = await claimAt(log, key, 'b', '2026-03-29T10:00:01Z');

    // Assess
    expect(next).toEqual({ outcome: 'claimed', deliveredTo: new Set(['first@example.com']) });
    expect(await log.find(key)).toMatchObject({
      state: 'sending',
      owner: 'b',
      attempts: 2,
      lastError: 'Throttling',
    });
  });

  it('hands a notice whose lease ran out to the next attempt, and shuts the old owner out', async () => {
    // Prepare
    const log = create();
    const key = aKey();
    await claimAt(log, key, 'a', '2026-03-29T10:00:00Z');

    // Act
    const whileLeased = await claimAt(log, key, 'b', '2026-03-29T10:00:59Z');
    const afterLease = await claimAt(log, key, 'c', '2026-03-29T10:01:00Z');

    // Assess
    expect(whileLeased.outcome).toBe('busy');
    expect(afterLease).toEqual({ outcome: 'claimed', deliveredTo: new Set() });
    await expect(
      log.recordDelivery(key, 'a', { recipient: 'x@example.com', providerMessageId: 'ses-1' }),
    ).rejects.toBeInstanceOf(NoticeClaimLost);
    await expect(log.complete(key, 'a', at('2026-03-29T10:01:01Z'))).rejects.toBeInstanceOf(NoticeClaimLost);
    await expect(log.release(key, 'a', 'late')).rejects.toBeInstanceOf(NoticeClaimLost);
    expect(await log.find(key)).toMatchObject({ state: 'sending', owner: 'c' });
  });

  it('records a delivery twice as one', async () => {
    // Prepare
    const log = create();
    const key = aKey();
    await claimAt(log, key, 'a', '2026-03-29T10:00:00Z');

    // Act
    await log.recordDelivery(key, 'a', { recipient: 'x@example.com', providerMessageId: 'ses-1' });
    await log.recordDelivery(key, 'a', { recipient: 'x@example.com', providerMessageId: 'ses-1' });

    // Assess
    expect((await log.find(key))?.deliveredTo).toEqual(['x@example.com']);
  });

  it('knows nothing of a notice never claimed', async () => {
    expect(await create().find(aKey())).toBeNull();
  });
});
