import type { SignedDynamoCall } from '#platform/adapters/signed-dynamodb.js';
import { PARTITION_KEY, SORT_KEY } from '#platform/table/key.js';
import { userEntity } from '#platform/table/user.js';
import type { AccountReader } from '../account-status.js';

/** Long enough for DynamoDB on a bad day; a request never waits on the check for good. */
const READ_TIMEOUT_MS = 5_000;

/**
 * The account check's read without the SDK (the wiring of `GET /me`, which must start in a few
 * tens of milliseconds): one GetItem of the user item, projected to its key and `active`, as
 * one signed request. The same item and the same answer as `DynamoUserDirectory.getById`.
 */
export const signedAccountReader = (call: SignedDynamoCall, tableName: string): AccountReader => ({
  async getById(userId) {
    const key = userEntity.key(userId);
    const answer = await call(
      'GetItem',
      {
        TableName: tableName,
        Key: { [PARTITION_KEY]: { S: key.pk }, [SORT_KEY]: { S: key.sk } },
        ProjectionExpression: '#pk, #active',
        ExpressionAttributeNames: { '#pk': PARTITION_KEY, '#active': 'active' },
      },
      READ_TIMEOUT_MS,
    );
    const item = answer.Item as { active?: { BOOL?: boolean } } | undefined;
    if (!item) return null;
    return item.active?.BOOL === false ? { active: false } : {};
  },
});
