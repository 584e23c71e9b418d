import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../logger.js';
import type { StreamChange } from '../stream.js';

const imageOf = (image: Record<string, unknown> | undefined): Record<string, unknown> | null =>
  image ? unmarshall(image as Record<string, AttributeValue>) : null;

/** A stream record as a consumer sees it: images unmarshalled. */
export const changeOf = (record: DynamoDBRecord): StreamChange => ({
  eventName: record.eventName ?? 'MODIFY',
  sequence: record.dynamodb?.SequenceNumber ?? '',
  newImage: imageOf(record.dynamodb?.NewImage),
  oldImage: imageOf(record.dynamodb?.OldImage),
});

export type StreamHandler = (event: DynamoDBStreamEvent, context?: Context) => Promise<DynamoDBBatchResponse>;

/**
 * A stream consumer's Lambda handler: each record of the batch goes to `handle` in order (one
 * after the other, so a ticket's changes are handled as they happened); a record that throws
 * is reported in `batchItemFailures` (Powertools BatchProcessor), so the event source mapping
 * (or the local poller) retries from it, bisecting, and finally hands it to the on-failure
 * destination. `handle` must be idempotent: a retried batch repeats records that succeeded.
 * `inParallel`: the records of a batch are handled side by side (bounded by the batch size),
 * for a consumer whose records are independent of each other and of their order.
 */
export const streamConsumer = (
  name: string,
  handle: (change: StreamChange) => Promise<void>,
  options: { inParallel?: boolean } = {},
): StreamHandler => {
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const handleRecord = async (record: DynamoDBRecord) => {
    try {
      await handle(changeOf(record));
    } catch (error) {
      logger.warn('A stream record failed; it will be retried', {
        consumer: name,
        sequence: record.dynamodb?.SequenceNumber,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
      throw error;
    }
  };
  return async (event, context) =>
    processPartialResponse(event, handleRecord, processor, {
      ...(context ? { context } : {}),
      processInParallel: options.inParallel ?? false,
    });
};

/**
 * A stream consumer that handles its batch as one unit (the search index rewrites each segment
 * once per batch, not once per record). When `handle` throws, the whole batch is reported
 * failed from its first record, so it is retried (bisected) like any other; `handle` must be
 * idempotent.
 */
export const batchStreamConsumer =
  (name: string, handle: (changes: StreamChange[]) => Promise<void>): StreamHandler =>
  async (event) => {
    const records = event.Records ?? [];
    try {
      await handle(records.map(changeOf));
      return { batchItemFailures: [] };
    } catch (error) {
      const first = records[0]?.dynamodb?.SequenceNumber;
      logger.warn('A stream batch failed; it will be retried', {
        consumer: name,
        sequence: first,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
      return { batchItemFailures: first ? [{ itemIdentifier: first }] : [] };
    }
  };
