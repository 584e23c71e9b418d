import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { slaNoticeEventTypes } from '#sla/notice-record.js';
import type { TestRuntime } from './runtime.js';

/** The insert record the table's stream delivers for an item (NEW_AND_OLD_IMAGES). */
export const insertRecordOf = (item: Record<string, unknown>, sequence: string): DynamoDBRecord => ({
  eventName: 'INSERT',
  dynamodb: {
    SequenceNumber: sequence,
    NewImage: marshall(item, { removeUndefinedValues: true }) as NonNullable<
      DynamoDBRecord['dynamodb']
    >['NewImage'],
  },
});

/**
 * Until the local stream poller (local/stream-poller.ts) runs in the test runtime: hands the
 * sla-notices consumer the insert record of every SLA event with a notice, as the stream would,
 * every 200 ms (a test-only Scan of this file's small table). A record is handed on once the
 * consumer took it; the consumer itself sends each notice at most once.
 */
export const feedSlaNotices = (rt: TestRuntime) => {
  const handed = new Set<string>();
  let stopped = false;
  const loop = (async () => {
    const { handler } = await import('#functions/stream/sla-notices.js');
    while (!stopped) {
      const { Items = [] } = await rt.db.send(
        new ScanCommand({
          TableName: rt.tableName,
          FilterExpression: 'entity = :event AND attribute_exists(notice)',
          ExpressionAttributeValues: { ':event': 'event' },
        }),
      );
      const fresh = Items.filter(
        (item) =>
          !handed.has(String(item.id)) &&
          (slaNoticeEventTypes as readonly string[]).includes(String(item.type)),
      );
      if (fresh.length) {
        const result = await handler({ Records: fresh.map((item, i) => insertRecordOf(item, String(i))) });
        const failed = new Set(result.batchItemFailures.map((failure) => failure.itemIdentifier));
        fresh.forEach((item, i) => {
          if (!failed.has(String(i))) handed.add(String(item.id));
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
};
