import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDynamoClient } from '#local/dynamodb.js';
import {
  filePollerStore,
  memoryPollerStore,
  type PollerConsumer,
  type PollerStore,
  startStreamPoller,
} from '#local/stream-poller.js';
import { ensureTable } from '#local/table.js';
import { streamConsumer } from '#platform/adapters/stream-consumer.js';
import { insertsOf } from '#platform/stream.js';
import { testDynamoEndpoint } from '../support/dynamo-endpoint.js';

const endpoint = () => testDynamoEndpoint();
const db = localDynamoClient(testDynamoEndpoint());
const quiet = { warn: () => {}, error: () => {} };
const fastRetry = { maximumRetryAttempts: 4, bisectBatchOnError: true, firstRetryDelayMs: 5 };

const newTable = async () => {
  const name = `stream-${randomBytes(4).toString('hex')}`;
  await ensureTable(db, name);
  return name;
};

/** Writes `count` items of an entity to the table, named `<prefix>-<n>`. */
const write = async (tableName: string, entity: string, names: string[]) => {
  for (const name of names) {
    await db.send(
      new PutItemCommand({
        TableName: tableName,
        Item: { pk: { S: `TEST#${name}` }, sk: { S: 'ITEM' }, entity: { S: entity }, name: { S: name } },
      }),
    );
  }
};

const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

/** A consumer of `entity` inserts that records what it handled, failing as `fails` decides. */
const recorder = (entity: string, fails: (name: string, attempt: number) => boolean = () => false) => {
  const handled: string[] = [];
  const attempts = new Map<string, number>();
  const handler = streamConsumer('recorder', async (change) => {
    const name = String(change.newImage?.name);
    const attempt = (attempts.get(name) ?? 0) + 1;
    attempts.set(name, attempt);
    if (fails(name, attempt)) throw new Error(`refused ${name}`);
    handled.push(name);
  });
  const consumer: PollerConsumer = {
    name: 'recorder',
    filters: [insertsOf(entity)],
    batchSize: 10,
    handler: async () => handler as never,
  };
  return { consumer, handled, attempts };
};

const poll = (
  tableName: string,
  consumers: PollerConsumer[],
  store: PollerStore = memoryPollerStore(),
  retry = fastRetry,
) =>
  startStreamPoller({
    db,
    endpoint: endpoint(),
    tableName,
    consumers,
    store,
    log: quiet,
    idleMs: 20,
    retry,
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `test` with a store that keeps positions in files, as `npm start` does, across its pollers. */
const withFileStore = async (test: (store: () => PollerStore) => Promise<void>) => {
  const dir = mkdtempSync(join(tmpdir(), 'stream-positions-'));
  try {
    await test(() => filePollerStore(join(dir, 'positions.json'), join(dir, 'dead-letters.jsonl')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

afterAll(() => db.destroy());

describe('the local stream poller', () => {
  it('hands a consumer the inserts its filters accept, each once and in order, and nothing written before its first start', async () => {
    const table = await newTable();
    await write(table, 'event', names('before', 3));
    const { consumer, handled } = recorder('event');
    const poller = await poll(table, [consumer]);
    await write(table, 'event', names('a', 12));
    await write(table, 'message', names('other', 3));
    await write(table, 'event', names('b', 13));
    await poller.drained();
    await poller.stop();
    expect(handled).toEqual([...names('a', 12), ...names('b', 13)]);
  });

  it('retries a record that fails, without re-sending the records before it, and goes on once it lands', async () => {
    const table = await newTable();
    const { consumer, handled, attempts } = recorder(
      'event',
      (name, attempt) => name === 'r-4' && attempt <= 2,
    );
    const poller = await poll(table, [consumer]);
    await write(table, 'event', names('r', 8));
    await poller.drained();
    await poller.stop();
    expect(attempts.get('r-4')).toBe(3);
    // Records before the failure are never handled again; after it, Lambda's semantics retry from the failure.
    for (const name of names('r', 4)) expect(attempts.get(name)).toBe(1);
    expect(new Set(handled)).toEqual(new Set(names('r', 8)));
    expect(handled.indexOf('r-4')).toBeLessThan(handled.lastIndexOf('r-7'));
    expect(poller.deadLetters()).toEqual([]);
  });

  it('gives up on a record after 1 + 4 attempts: it goes to the dead-letter list and the rest are handled', async () => {
    const table = await newTable();
    const { consumer, handled, attempts } = recorder('event', (name) => name === 'd-2');
    const poller = await poll(table, [consumer]);
    await write(table, 'event', names('d', 6));
    await poller.drained();
    await poller.stop();
    expect(attempts.get('d-2')).toBe(5);
    expect(handled).not.toContain('d-2');
    expect(new Set(handled)).toEqual(new Set(names('d', 6).filter((name) => name !== 'd-2')));
    const letters = poller.deadLetters();
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      consumer: 'recorder',
      eventName: 'INSERT',
      attempts: 5,
      keys: { pk: { S: 'TEST#d-2' }, sk: { S: 'ITEM' } },
    });
  });

  it('resumes after a restart where it stopped: changes written while it was down are handled once', async () => {
    const table = await newTable();
    await withFileStore(async (store) => {
      const first = recorder('event');
      const running = await poll(table, [first.consumer], store());
      await write(table, 'event', names('up', 3));
      await running.drained();
      await running.stop();

      await write(table, 'event', names('down', 4));

      const second = recorder('event');
      const restarted = await poll(table, [second.consumer], store());
      await write(table, 'event', names('again', 2));
      await restarted.drained();
      await restarted.stop();
      expect(first.handled).toEqual(names('up', 3));
      expect(second.handled).toEqual([...names('down', 4), ...names('again', 2)]);
    });
  });

  it('remembers its first start on an empty stream: what is written after it is handed over by the next start, though nothing was finished before', async () => {
    const table = await newTable();
    await withFileStore(async (store) => {
      const first = recorder('event');
      const running = await poll(table, [first.consumer], store());
      await running.stop();

      await write(table, 'event', names('late', 3));

      const second = recorder('event');
      const restarted = await poll(table, [second.consumer], store());
      await restarted.drained();
      await restarted.stop();
      expect(first.handled).toEqual([]);
      expect(second.handled).toEqual(names('late', 3));
    });
  });

  it('stops at once while a record waits for its retry, and the next start hands the unfinished chunk over again', async () => {
    const table = await newTable();
    await withFileStore(async (store) => {
      const failing = recorder('event', (name) => name === 's-3');
      const slowRetry = { maximumRetryAttempts: 4, bisectBatchOnError: true, firstRetryDelayMs: 30_000 };
      const running = await poll(table, [failing.consumer], store(), slowRetry);
      await write(table, 'event', names('s', 20));
      while (!failing.attempts.has('s-3')) await sleep(20);

      const stopAsked = Date.now();
      await running.stop();
      expect(Date.now() - stopAsked).toBeLessThan(2_000);
      expect(failing.handled).not.toContain('s-19');

      const second = recorder('event');
      const restarted = await poll(table, [second.consumer], store());
      await restarted.drained();
      await restarted.stop();
      // The chunk that held the failing record is handed over whole again; chunks before it are not.
      const rest = names('s', 20).slice(3);
      expect(second.handled.slice(-rest.length)).toEqual(rest);
      expect(new Set([...failing.handled, ...second.handled])).toEqual(new Set(names('s', 20)));
      expect(restarted.deadLetters()).toEqual([]);
    });
  });
});

beforeAll(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
});
