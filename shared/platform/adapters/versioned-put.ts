import type { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { NotFound, PreconditionFailed } from '../errors.js';
import { ITEM_PRESENT } from '../table/key.js';

/**
 * Replaces an item that must exist at `expectedVersion` (the If-Match of a PATCH), in one
 * conditional PutItem: a missing item is NotFound, one at another version PreconditionFailed
 * (the item the condition saw tells which).
 */
export const putVersioned = async (
  db: DynamoDBDocumentClient,
  change: {
    tableName: string;
    item: Record<string, unknown>;
    expectedVersion: number;
    notFound: string;
    changed: string;
  },
): Promise<void> => {
  try {
    await db.send(
      new PutCommand({
        TableName: change.tableName,
        Item: change.item,
        ConditionExpression: `${ITEM_PRESENT} AND #version = :expected`,
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': change.expectedVersion },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'ConditionalCheckFailedException') throw error;
    if (!(error as ConditionalCheckFailedException).Item) throw new NotFound(change.notFound);
    throw new PreconditionFailed(change.changed);
  }
};
