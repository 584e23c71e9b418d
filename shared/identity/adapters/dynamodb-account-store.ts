import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { staleOrMissing } from '#platform/adapters/audited-document.js';
import { Conflict } from '#platform/errors.js';
import { auditPut } from '#platform/table/audit.js';
import { ITEM_ABSENT, ITEM_PRESENT } from '#platform/table/key.js';
import { keyCondition } from '#platform/table/query.js';
import { userEntity } from '#platform/table/user.js';
import { Account, type AccountStore } from '../account.js';
import type { AuditEntry } from '../audit.js';
import type { Role } from '../caller.js';
import type { StoredUser } from '../user.js';
import { DynamoUserDirectory } from './dynamodb-user-directory.js';

const toAccount = (item: Record<string, unknown>): Account => {
  const { passwordHash: _, ...rest } = item;
  return Account.parse({ ...rest, orgId: rest.orgId ?? null });
};

/** The fields administration owns on a user item (the password hash and keys stay as they are). */
const administered = [
  'name',
  'role',
  'orgId',
  'locale',
  'timeZone',
  'skills',
  'capacity',
  'active',
  'version',
] as const;

/** Accounts over the user items of the table (`USER#<id>` / `USER`), audited per version. */
export class DynamoAccountStore implements AccountStore {
  private readonly users: DynamoUserDirectory;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.users = new DynamoUserDirectory(db, tableName);
  }

  async get(id: string): Promise<Account | null> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: userEntity.key(id), ConsistentRead: true }),
    );
    return result.Item ? toAccount(result.Item) : null;
  }

  async listByRole(role: Role, limit: number): Promise<Account[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...keyCondition(userEntity.queries.withRole(role)),
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map(toAccount);
  }

  findByEmail(email: string): Promise<StoredUser | null> {
    return this.users.findByEmail(email);
  }

  async create(account: Account, audit: AuditEntry<Account>): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...userEntity.item(account), ...account, email: account.email.toLowerCase() },
                ConditionExpression: ITEM_ABSENT,
              },
            },
            auditPut(this.tableName, 'USER', account.id, account.version, audit),
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException)
        throw new Conflict('There is an account with this id already');
      throw error;
    }
  }

  async update(account: Account, expectedVersion: number, audit: AuditEntry<Account>): Promise<void> {
    const values: Record<string, unknown> = { ':expected': expectedVersion };
    const names: Record<string, string> = { '#version': 'version' };
    const sets: string[] = [];
    for (const field of administered) {
      names[`#${field}`] = field;
      values[`:${field}`] = account[field];
      sets.push(`#${field} = :${field}`);
    }
    // A new role moves the account to that role's list.
    for (const [name, value] of Object.entries(userEntity.indexKeys(account))) {
      names[`#${name}`] = name;
      values[`:${name}`] = value;
      sets.push(`#${name} = :${name}`);
    }
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: userEntity.key(account.id),
                UpdateExpression: `SET ${sets.join(', ')}`,
                // Accounts written before administration carry no version: they are at 1.
                ConditionExpression:
                  expectedVersion === 1
                    ? `${ITEM_PRESENT} AND (attribute_not_exists(#version) OR #version = :expected)`
                    : `${ITEM_PRESENT} AND #version = :expected`,
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              },
            },
            auditPut(this.tableName, 'USER', account.id, account.version, audit),
          ],
        }),
      );
    } catch (error) {
      await staleOrMissing(error, () => this.get(account.id), {
        changed: 'The account changed since you read it: reload and retry',
        missing: `There is no user '${account.id}'`,
      });
    }
  }
}
