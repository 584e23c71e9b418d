import { randomBytes } from 'node:crypto';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeAccountCheck } from '#identity/account-status.js';
import { signedAccountReader } from '#identity/adapters/signed-account-reader.js';
import { localDynamoClient } from '#local/dynamodb.js';
import { ensureTable } from '#local/table.js';
import { signedDynamoCall } from '#platform/adapters/signed-dynamodb.js';
import { userEntity } from '#platform/table/user.js';
import { testDynamoEndpoint } from '../support/dynamo-endpoint.js';

/**
 * The account check's read without the SDK (`GET /me`'s wiring, functions/wiring/signed-in.ts),
 * on DynamoDB Local: the same user items the directory writes, read as one signed GetItem.
 */
const tableName = `helpdesk-account-reader-${randomBytes(4).toString('hex')}`;
const env = { AWS_REGION: 'eu-central-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };
let db: DynamoDBDocumentClient;

const putUser = (id: string, extra: Record<string, unknown> = {}) =>
  db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...userEntity.item({ id, email: `${id}@helpdesk.example`, role: 'agent' }),
        id,
        email: `${id}@helpdesk.example`,
        name: id,
        role: 'agent',
        ...extra,
      },
    }),
  );

beforeAll(async () => {
  const client = localDynamoClient(testDynamoEndpoint());
  await ensureTable(client, tableName);
  db = DynamoDBDocumentClient.from(client);
});

describe('the signed account reader', () => {
  const reader = () =>
    signedAccountReader(signedDynamoCall({ endpoint: testDynamoEndpoint(), env }), tableName);

  it('finds an active account, a deactivated one, and none for an unknown id', async () => {
    await putUser('user-active');
    await putUser('user-reactivated', { active: true });
    await putUser('user-deactivated', { active: false });

    await expect(reader().getById('user-active')).resolves.toEqual({});
    await expect(reader().getById('user-reactivated')).resolves.toEqual({});
    await expect(reader().getById('user-deactivated')).resolves.toEqual({ active: false });
    await expect(reader().getById('user-nobody')).resolves.toBeNull();
  });

  it('lets the check refuse a deactivated person and let an active one in', async () => {
    await putUser('user-checked');
    await putUser('user-gone', { active: false });
    const check = activeAccountCheck(reader(), { now: () => new Date() }, 0);

    await expect(check('user-checked')).resolves.toBe(true);
    await expect(check('user-gone')).resolves.toBe(false);
    await expect(check('user-never-existed')).resolves.toBe(false);
  });

  it("fails the read, naming DynamoDB's error, when the table is not there", async () => {
    const missing = signedAccountReader(
      signedDynamoCall({ endpoint: testDynamoEndpoint(), env }),
      'no-such-table',
    );

    await expect(missing.getById('user-active')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
