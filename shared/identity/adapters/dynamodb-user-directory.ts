import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keyCondition } from '#platform/table/query.js';
import { userEntity } from '#platform/table/user.js';
import type { StoredUser, User, UserDirectory } from '../user.js';

const toUser = (item: Record<string, unknown>): StoredUser => {
  const { id, email, name, role, orgId, locale, timeZone, passwordHash, active } =
    item as unknown as StoredUser;
  return {
    id,
    email,
    name,
    role,
    orgId: orgId ?? null,
    locale: locale ?? 'en',
    timeZone: timeZone ?? 'UTC',
    ...(passwordHash ? { passwordHash } : {}),
    ...(active === false ? { active } : {}),
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
    // The people of a role who hear of tickets: a deactivated account hears nothing more.
    return (result.Items ?? []).flatMap((item) => {
      const { passwordHash: _, active, ...user } = toUser(item);
      return active === false ? [] : [user];
    });
  }

  /**
   * Writes the profile fields (and the password hash when given), leaving what administration
   * set on the account (skills, capacity, active, version) as it is: the Cognito trigger writes
   * the profile on every sign-in.
   */
  async put(user: StoredUser): Promise<void> {
    const { pk: _pk, sk: _sk, ...envelope } = userEntity.item(user);
    const fields: Record<string, unknown> = {
      ...envelope,
      id: user.id,
      email: user.email.toLowerCase(),
      name: user.name,
      role: user.role,
      orgId: user.orgId,
      locale: user.locale,
      timeZone: user.timeZone,
      ...(user.passwordHash ? { passwordHash: user.passwordHash } : {}),
    };
    const names = Object.keys(fields);
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: userEntity.key(user.id),
        UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :f${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#f${i}`, name])),
        ExpressionAttributeValues: Object.fromEntries(names.map((name, i) => [`:f${i}`, fields[name]])),
      }),
    );
  }
}
