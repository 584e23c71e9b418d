import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { Conflict, NotFound } from '../errors.js';
import { ITEM_ABSENT, ITEM_PRESENT, type Key } from '../table/key.js';

const cancelled = (error: unknown, index: number): boolean =>
  error instanceof TransactionCanceledException &&
  error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';

/**
 * Puts a new item and counts it on a counter item, in one transaction that fails when the
 * counter is already at `cap`: the count can never pass the cap, however many creates race.
 * A full counter is a Conflict with `full` as its detail.
 */
export const putCounted = async (
  db: DynamoDBDocumentClient,
  put: { tableName: string; item: Record<string, unknown>; counter: Key; cap: number; full: string },
): Promise<void> => {
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: put.tableName, Item: put.item, ConditionExpression: ITEM_ABSENT } },
          {
            Update: {
              TableName: put.tableName,
              Key: put.counter,
              UpdateExpression: 'ADD #count :one',
              ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
              ExpressionAttributeNames: { '#count': 'count' },
              ExpressionAttributeValues: { ':one': 1, ':max': put.cap },
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (cancelled(error, 1)) throw new Conflict(put.full);
    throw error;
  }
};

/** Deletes an item counted by `putCounted` and takes it off its counter, in one transaction. */
export const deleteCounted = async (
  db: DynamoDBDocumentClient,
  remove: { tableName: string; key: Key; counter: Key; notFound: string },
): Promise<void> => {
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: remove.tableName, Key: remove.key, ConditionExpression: ITEM_PRESENT } },
          {
            Update: {
              TableName: remove.tableName,
              Key: remove.counter,
              UpdateExpression: 'ADD #count :minusOne',
              ExpressionAttributeNames: { '#count': 'count' },
              ExpressionAttributeValues: { ':minusOne': -1 },
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (cancelled(error, 0)) throw new NotFound(remove.notFound);
    throw error;
  }
};
