import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Account } from '#identity/account.js';
import { batchGet } from '#platform/adapters/batch-get.js';
import { agentStateEntity } from '#platform/table/agent-state.js';
import { ENTITY_ATTRIBUTE, PARTITION_KEY, SORT_KEY } from '#platform/table/key.js';
import { userEntity } from '#platform/table/user.js';
import type { Candidate, Roster } from '../ports.js';

/** People's accounts and routing states (`USER#<id>` / `USER` and `ROUTING`), read together. */
export class DynamoRoster implements Roster {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** One consistent BatchGetItem of both items of each person (a queue has at most 40 members: 80 keys). */
  async candidates(userIds: readonly string[]): Promise<Candidate[]> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return [];
    const items = await batchGet(this.db, this.tableName, {
      Keys: ids.flatMap((id) => [userEntity.key(id), agentStateEntity.key(id)]),
      ConsistentRead: true,
    });
    const accounts = new Map<string, Account>();
    const states = new Map<string, Record<string, unknown>>();
    for (const item of items) {
      const id = String(item[PARTITION_KEY]).slice('USER#'.length);
      if (item[SORT_KEY] === agentStateEntity.key(id).sk) states.set(id, item);
      else if (item[SORT_KEY] === userEntity.key(id).sk)
        accounts.set(id, Account.parse({ ...item, orgId: item.orgId ?? null }));
    }
    // In the order asked (a queue's member order breaks ties).
    return ids.flatMap((id) => {
      const account = accounts.get(id);
      if (!account) return [];
      const state = states.get(id) ?? {};
      return [
        {
          id,
          email: account.email,
          name: account.name,
          role: account.role,
          locale: account.locale,
          timeZone: account.timeZone,
          active: account.active,
          skills: account.skills,
          capacity: account.capacity,
          available: state.available !== false,
          openAssigned: Math.max(0, Number(state.openAssigned ?? 0)),
          lastAssignment: typeof state.lastAssignment === 'string' ? state.lastAssignment : null,
        },
      ];
    });
  }

  async states(
    userIds: readonly string[],
  ): Promise<Map<string, Pick<Candidate, 'available' | 'openAssigned'>>> {
    const ids = [...new Set(userIds)].slice(0, 100);
    if (ids.length === 0) return new Map();
    const items = await batchGet(this.db, this.tableName, {
      Keys: ids.map((id) => agentStateEntity.key(id)),
    });
    return new Map(
      items.map((item) => [
        String(item[PARTITION_KEY]).slice('USER#'.length),
        { available: item.available !== false, openAssigned: Math.max(0, Number(item.openAssigned ?? 0)) },
      ]),
    );
  }

  async setAvailable(userId: string, available: boolean): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: agentStateEntity.key(userId),
        UpdateExpression: 'SET #entity = :entity, #available = :available',
        ExpressionAttributeNames: { '#entity': ENTITY_ATTRIBUTE, '#available': 'available' },
        ExpressionAttributeValues: { ':entity': agentStateEntity.name, ':available': available },
      }),
    );
  }
}
