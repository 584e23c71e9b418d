import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keyCondition } from '#platform/table/query.js';
import { userEntity } from '#platform/table/user.js';
import type { StoredUser, User, UserDirectory } from '../user.js';

const toUser = (item: Record<string, unknown>): StoredUser => {
  const { id, email, name, role, orgId, locale, timeZone, passwordHash } = item as unknown as StoredUser;
  return {
    id,
    email,
    name,
    role,
    orgId: orgId ?? null,
    locale: locale ?? 'en',
    timeZone: timeZone ?? 'UTC',
    ...(passwordHash ? { passwordHash } : {}),
  };
};

export class DynamoUserDirectory implements UserDirectory {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getById(id: string): Promise<StoredUser | null> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: userEntity.key(id) }));
    return result.Item ? toUser(result.Item) : null;
  }

  async findByEmail(email: string): Promise<StoredUser | null> {
    const spec = userEntity.queries.byEmail(email);
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...keyCondition(spec),
        Limit: 1,
      }),
    );
    const item = result.Items?.[0];
    return item ? toUser(item) : null;
  }

  async listByRole(role: User['role'], limit: number): Promise<User[]> {
    const spec = userEntity.queries.withRole(role);
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...keyCondition(spec),
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map((item) => {
      const { passwordHash: _, ...user } = toUser(item);
      return user;
    });
  }

  async put(user: StoredUser): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...userEntity.item(user),
          ...user,
          email: user.email.toLowerCase(),
        },
      }),
    );
  }
}
