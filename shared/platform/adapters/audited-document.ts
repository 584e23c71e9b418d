import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { NotFound, PreconditionFailed } from '../errors.js';
import { ITEM_ABSENT } from '../table/key.js';

/** The condition of a document's Put: absent, or at the version the caller read (its If-Match). */
export interface PutCondition {
  ConditionExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/** Version 0 means "not saved yet" (the item must be absent); any other, exactly that version. */
export const atVersion = (expected: number): PutCondition =>
  expected === 0
    ? { ConditionExpression: ITEM_ABSENT }
    : {
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expected },
      };

/**
 * Saves an admin document (SLA policies, a calendar, the automation rules, a settings document)
 * with its audit record (who, when, before → after) in one transaction: the document under its
 * condition, the audit record and any `alsoPut` items only where nothing is yet. A lost race is
 * a PreconditionFailed with `conflict` as its detail: nothing of the change is written.
 */
export const saveAudited = async (
  db: DynamoDBDocumentClient,
  save: {
    tableName: string;
    document: Record<string, unknown>;
    condition: PutCondition;
    audit: Record<string, unknown>;
    alsoPut?: Record<string, unknown>[];
    conflict: string;
  },
): Promise<void> => {
  const created = (item: Record<string, unknown>) => ({
    Put: { TableName: save.tableName, Item: item, ConditionExpression: ITEM_ABSENT },
  });
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: save.tableName, Item: save.document, ...save.condition } },
          created(save.audit),
          ...(save.alsoPut ?? []).map(created),
        ],
      }),
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw new PreconditionFailed(save.conflict);
    throw error;
  }
};

/**
 * An audited update (the item under its version condition first in the transaction) was
 * refused at that condition: it is stale when the item still exists (412, `changed`), gone
 * otherwise (404, `missing`). Any other failure is rethrown as it is.
 */
export const staleOrMissing = async (
  error: unknown,
  exists: () => Promise<unknown>,
  messages: { changed: string; missing: string },
): Promise<never> => {
  if (!(error instanceof TransactionCanceledException)) throw error;
  if (error.CancellationReasons?.[0]?.Code !== 'ConditionalCheckFailed') throw error;
  throw (await exists()) ? new PreconditionFailed(messages.changed) : new NotFound(messages.missing);
};
