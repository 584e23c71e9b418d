import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '@aws-lambda-powertools/logger';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { DEFAULT_BATCH_SIZE, type StreamConsumer, streamRetry } from '#functions/stream/consumers.js';
import { passesFilters } from '#platform/stream.js';
import { LOCAL_REGION, localCredentials } from './dynamodb.js';

/**
 * The local stand-in for Lambda's DynamoDB Streams event source mappings (docs/change-events.md):
 * reads the table's stream on DynamoDB Local (DescribeTable → DescribeStream → GetShardIterator →
 * GetRecords), and hands every registered consumer the records its filters accept, as the same
 * `DynamoDBStreamEvent` batches, with the same retries (partial batch failures, bisect on error,
 * bounded attempts, then a dead letter). Shards are read one chunk at a time, and a chunk is
 * done when every consumer is done with it; the position after it is saved (to a file under
 * `npm start`), so a restart resumes after the last chunk every consumer finished.
 */

export type LoadedHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse>;

export interface PollerConsumer extends Pick<StreamConsumer, 'name' | 'filters' | 'batchSize'> {
  handler: () => Promise<LoadedHandler>;
}

/** A record a consumer could not handle within its retries: the local dead-letter queue. */
export interface DeadLetter {
  consumer: string;
  sequence: string;
  eventName: string;
  keys: Record<string, unknown>;
  attempts: number;
  reason: string;
  at: string;
}

/** Where the poller keeps its shard positions and dead letters. */
export interface PollerStore {
  positions(): ShardPositions | null;
  savePositions(positions: ShardPositions): void;
  deadLetter(letter: DeadLetter): void;
  deadLetters(): DeadLetter[];
}

/** Per shard: the last sequence number every consumer finished, and whether the shard is closed and done. */
export type ShardPositions = Record<string, { after?: string; done?: boolean }>;

export const memoryPollerStore = (): PollerStore => {
  let saved: ShardPositions | null = null;
  const letters: DeadLetter[] = [];
  return {
    positions: () => saved,
    savePositions: (positions) => {
      saved = structuredClone(positions);
    },
    deadLetter: (letter) => letters.push(letter),
    deadLetters: () => [...letters],
  };
};

/** Positions in `<file>`, dead letters in `<dir>/dead-letters.jsonl` (one JSON object per line). */
export const filePollerStore = (positionsFile: string, deadLettersFile: string): PollerStore => {
  mkdirSync(dirname(positionsFile), { recursive: true });
  return {
    positions: () =>
      existsSync(positionsFile) ? (JSON.parse(readFileSync(positionsFile, 'utf8')) as ShardPositions) : null,
    savePositions: (positions) => {
      writeFileSync(`${positionsFile}.tmp`, JSON.stringify(positions));
      renameSync(`${positionsFile}.tmp`, positionsFile);
    },
    deadLetter: (letter) => appendFileSync(deadLettersFile, `${JSON.stringify(letter)}\n`),
    deadLetters: () =>
      existsSync(deadLettersFile)
        ? readFileSync(deadLettersFile, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as DeadLetter)
        : [],
  };
};

export interface StreamPollerOptions {
  db: DynamoDBClient;
  endpoint: string;
  tableName: string;
  consumers: PollerConsumer[];
  store: PollerStore;
  log: Pick<Logger, 'warn' | 'error'>;
  /** Pause between reads of a shard that had nothing new (default 250 ms). */
  idleMs?: number;
  /** Records per GetRecords (default 1000, the API's maximum). */
  readLimit?: number;
  retry?: { maximumRetryAttempts: number; bisectBatchOnError: boolean; firstRetryDelayMs: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A record as Lambda's event source mapping delivers it (epoch seconds, the stream's ARN). */
const lambdaRecord = (record: StreamRecord, streamArn: string): DynamoDBRecord => {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  return {
    eventID: record.eventID ?? randomUUID(),
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: LOCAL_REGION,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(record.dynamodb as NonNullable<DynamoDBRecord['dynamodb']>),
      ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
    },
  };
};

const lambdaContext = (consumer: string): Context =>
  ({
    awsRequestId: randomUUID(),
    functionName: `helpdesk-local-stream-${consumer}`,
    getRemainingTimeInMillis: () => 60_000,
  }) as unknown as Context;

export interface StreamPoller {
  /** Resolves once everything written before the call has been handed to every consumer. */
  drained(): Promise<void>;
  deadLetters(): DeadLetter[];
  stop(): Promise<void>;
}

/**
 * Starts polling. The first start on a table (no saved positions) begins at the stream's
 * current end, so history written before the product had consumers is not replayed; every
 * later start resumes where the last one stopped.
 */
export const startStreamPoller = async (options: StreamPollerOptions): Promise<StreamPoller> => {
  const streams = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: LOCAL_REGION,
    credentials: localCredentials,
    // A read that never answers (a busy DynamoDB Local) fails and is retried, instead of
    // holding its shard, and every `drained()` waiting on it, for good.
    requestHandler: { requestTimeout: 10_000, connectionTimeout: 5_000 },
  });
  const retry = options.retry ?? streamRetry;
  const idleMs = options.idleMs ?? 250;
  const readLimit = options.readLimit ?? 1000;
  const table = await options.db.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${options.tableName} has no stream: it must be created with one`);

  const saved = options.store.positions();
  const positions: ShardPositions = saved ? structuredClone(saved) : {};
  const firstStart = saved === null;
  let stopping = false;
  /** Readers that reached the end of their shard since the last `drained` call began. */
  let caughtUp = new Set<string>();
  const waiters: (() => void)[] = [];
  const readers = new Map<string, Promise<void>>();

  /**
   * Hands one consumer the records its filters accept, in batches, retrying as the cloud would.
   * A stop ends it between batches and cuts retry waits short: the chunk's position is then not
   * saved, so the next start hands the chunk over again (consumers are idempotent).
   */
  const deliver = async (consumer: PollerConsumer, records: DynamoDBRecord[]) => {
    const accepted = records.filter((record) => passesFilters(consumer.filters, record));
    const size = consumer.batchSize ?? DEFAULT_BATCH_SIZE;
    for (let start = 0; start < accepted.length && !stopping; start += size) {
      await deliverBatch(consumer, accepted.slice(start, start + size), retry.maximumRetryAttempts);
    }
  };

  /** The index of the first record the handler did not finish, or -1 when it finished them all. */
  const invoke = async (consumer: PollerConsumer, batch: DynamoDBRecord[]): Promise<[number, string]> => {
    try {
      const handler = await consumer.handler();
      const response = await handler({ Records: batch }, lambdaContext(consumer.name));
      const failed = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
      const first = batch.findIndex((record) => failed.has(record.dynamodb?.SequenceNumber ?? ''));
      return [first, 'reported as a batch item failure'];
    } catch (error) {
      return [0, error instanceof Error ? `${error.name}: ${error.message}` : String(error)];
    }
  };

  const deliverBatch = async (
    consumer: PollerConsumer,
    initial: DynamoDBRecord[],
    attemptsLeft: number,
  ): Promise<void> => {
    let batch = initial;
    let left = attemptsLeft;
    let attempt = 0;
    while (batch.length > 0 && !stopping) {
      const [failedAt, reason] = await invoke(consumer, batch);
      if (failedAt < 0 || stopping) return;
      // As Lambda does: what came before the first failure is done; retry from it.
      batch = batch.slice(failedAt);
      if (left <= 0) {
        const [dead, ...rest] = batch as [DynamoDBRecord, ...DynamoDBRecord[]];
        options.store.deadLetter({
          consumer: consumer.name,
          sequence: dead.dynamodb?.SequenceNumber ?? '',
          eventName: dead.eventName ?? '',
          keys: (dead.dynamodb?.Keys ?? {}) as Record<string, unknown>,
          attempts: retry.maximumRetryAttempts + 1,
          reason,
          at: new Date().toISOString(),
        });
        options.log.error('A stream record went to the dead-letter list after its retries', {
          consumer: consumer.name,
          sequence: dead.dynamodb?.SequenceNumber,
          reason,
        });
        batch = rest;
        left = retry.maximumRetryAttempts;
        attempt = 0;
        continue;
      }
      left--;
      await stoppableSleep(retry.firstRetryDelayMs * 2 ** attempt++);
      if (retry.bisectBatchOnError && batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        await deliverBatch(consumer, batch.slice(0, half), left);
        await deliverBatch(consumer, batch.slice(half), left);
        return;
      }
    }
  };

  /** Waits, unless a stop comes first. */
  const sleepers = new Set<() => void>();
  const stoppableSleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });

  const notifyDrained = () => {
    for (const resolve of waiters.splice(0)) resolve();
  };

  const iteratorFor = async (shardId: string): Promise<string | undefined> => {
    const after = positions[shardId]?.after;
    const result = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return result.ShardIterator;
  };

  /** Reads one shard to its end (closed) or until stopped, a chunk at a time. */
  const readShard = async (shardId: string, skipExisting: boolean) => {
    let iterator = await iteratorFor(shardId);
    let skipping = skipExisting;
    while (iterator && !stopping) {
      let page: GetRecordsCommandOutput;
      try {
        page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: readLimit }));
      } catch (error) {
        if (error instanceof ExpiredIteratorException) {
          iterator = await iteratorFor(shardId);
          continue;
        }
        if (stopping) return;
        options.log.warn('Reading the local stream failed; retrying', { shardId, error: String(error) });
        await sleep(idleMs * 4);
        // A fresh iterator from the last position handed over: the failed one may be unusable.
        iterator = await iteratorFor(shardId).catch(() => iterator);
        continue;
      }
      const records = (page.Records ?? []).map((record) => lambdaRecord(record, streamArn));
      if (records.length > 0 && !skipping) {
        await Promise.all(options.consumers.map((consumer) => deliver(consumer, records)));
        // Stopped part way through the chunk: keep the position before it, to hand it over again.
        if (stopping) return;
      }
      const last = records.at(-1)?.dynamodb?.SequenceNumber;
      if (last) {
        positions[shardId] = { ...positions[shardId], after: last };
        options.store.savePositions(positions);
      }
      iterator = page.NextShardIterator;
      if (records.length === 0) {
        // At the end of what is written: from here on every record is new.
        skipping = false;
        caughtUp.add(shardId);
        if (openShards().every((shard) => caughtUp.has(shard.id))) notifyDrained();
        if (iterator) await sleep(idleMs);
      }
    }
    if (!iterator && !stopping) {
      positions[shardId] = { ...positions[shardId], done: true };
      options.store.savePositions(positions);
    }
  };

  let shardList: { id: string; parent?: string }[] = [];
  /** The shards of the first start's first look: only their existing records are skipped. */
  let initialShards: Set<string> | undefined;
  const openShards = () => shardList.filter((shard) => !positions[shard.id]?.done);

  /** Starts a reader for every shard whose parent is done (or gone), as Lambda orders them. */
  const discover = async () => {
    const described = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    shardList = (described.StreamDescription?.Shards ?? []).map((shard) => ({
      id: shard.ShardId ?? '',
      ...(shard.ParentShardId ? { parent: shard.ParentShardId } : {}),
    }));
    const known = new Set(shardList.map((shard) => shard.id));
    initialShards ??= firstStart ? known : new Set();
    for (const shard of openShards()) {
      if (readers.has(shard.id)) continue;
      if (shard.parent && known.has(shard.parent) && !positions[shard.parent]?.done) continue;
      readers.set(
        shard.id,
        readShard(shard.id, initialShards.has(shard.id) && !positions[shard.id]).finally(() =>
          readers.delete(shard.id),
        ),
      );
    }
  };

  await discover();
  // The first start skips what was written before it: wait until every shard is positioned at its end.
  if (firstStart) {
    await new Promise<void>((resolve) => {
      waiters.push(resolve);
      if (openShards().length === 0) notifyDrained();
    });
    // Remember that start, though no chunk may finish before the next stop: a shard that was empty
    // has no position yet, and the next start must read it from its beginning, not skip it.
    options.store.savePositions(positions);
  }
  const discovery = (async () => {
    while (!stopping) {
      await sleep(idleMs * 8);
      if (stopping) break;
      await discover().catch((error: unknown) =>
        options.log.warn('Describing the local stream failed', { error: String(error) }),
      );
    }
  })();

  return {
    drained: async () => {
      caughtUp = new Set();
      await discover();
      if (openShards().length === 0) return;
      await new Promise<void>((resolve) => waiters.push(resolve));
    },
    deadLetters: () => options.store.deadLetters(),
    stop: async () => {
      stopping = true;
      notifyDrained();
      for (const wake of [...sleepers]) wake();
      await Promise.all([...readers.values(), discovery]);
      streams.destroy();
    },
  };
};
