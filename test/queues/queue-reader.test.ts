import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { queueCountShardEntity, queueEntity } from '#platform/table/queue.js';
import { DynamoQueueReader } from '#queues/adapters/dynamodb-queue-reader.js';

const ddb = mockClient(DynamoDBDocumentClient);
const reader = new DynamoQueueReader(
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1' })),
  'helpdesk-unit',
);

beforeEach(() => ddb.reset());

describe('the queue list', () => {
  it('sums the ticket counts of every shard of a queue, per status', async () => {
    // Prepare
    ddb.on(QueryCommand).resolves({
      Items: [
        { ...queueEntity.item('billing'), id: 'billing', name: 'Billing' },
        { ...queueCountShardEntity.item('billing', 0), counts: { open: 2, pending: 1 } },
        { ...queueCountShardEntity.item('billing', 5), counts: { open: 1, solved: -0 } },
        { ...queueEntity.item('general'), id: 'general', name: 'General' },
        // A shard whose queue definition is gone counts nowhere.
        { ...queueCountShardEntity.item('retired', 1), counts: { open: 9 } },
      ],
    });

    // Act
    const queues = await reader.list();

    // Assess
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, {
      TableName: 'helpdesk-unit',
      ExpressionAttributeValues: { ':pk': 'CONFIG', ':sk': 'QUEUE#' },
    });
    expect(queues.map((queue) => queue.id)).toEqual(['billing', 'general']);
    expect(queues[0]?.name).toBe('Billing');
    expect(queues[0]?.counts).toMatchObject({ open: 3, pending: 1, solved: 0 });
    expect(Object.values(queues[1]?.counts ?? {}).every((n) => n === 0)).toBe(true);
  });
});
