import {
  BatchGetCommand,
  type BatchGetCommandInput,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';

/**
 * A BatchGetItem of a few keys of one table, retrying the keys DynamoDB left unprocessed (it
 * may under throttling), so a caller never mistakes an unread item for a missing one.
 */
export const batchGet = async (
  db: DynamoDBDocumentClient,
  tableName: string,
  request: NonNullable<BatchGetCommandInput['RequestItems']>[string],
): Promise<Record<string, unknown>[]> => {
  const found: Record<string, unknown>[] = [];
  let pending: typeof request | undefined = request;
  for (let attempt = 0; pending; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** Math.min(attempt, 5)));
    if (attempt > 8) throw new Error('BatchGetItem kept leaving keys unprocessed');
    const result: BatchGetCommandOutput = await db.send(
      new BatchGetCommand({ RequestItems: { [tableName]: pending } }),
    );
    found.push(...(result.Responses?.[tableName] ?? []));
    pending = result.UnprocessedKeys?.[tableName]?.Keys?.length
      ? result.UnprocessedKeys[tableName]
      : undefined;
  }
  return found;
};
