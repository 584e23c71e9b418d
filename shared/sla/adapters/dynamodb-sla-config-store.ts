import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { PreconditionFailed } from '#platform/errors.js';
import { ITEM_ABSENT } from '#platform/table/key.js';
import { keyCondition } from '#platform/table/query.js';
import {
  slaCalendarEntity,
  slaConfigQueries,
  slaPoliciesEntity,
  slaPolicyChangeEntity,
} from '#platform/table/sla-config.js';
import { SlaCalendar } from '../calendar.js';
import { defaultPolicies, SlaPolicyDocument } from '../policy.js';
import type { PolicyChange, SlaConfigStore, SlaConfiguration } from '../ports.js';

/**
 * SLA policies and calendars in the single table: `CONFIG / SLA_POLICIES` holds the ordered
 * list and its version, `CONFIG / SLA_CALENDAR#<id>` each calendar, so one Query reads both.
 * Until an admin saves policies, the defaults apply (version 0).
 */
export class DynamoSlaConfigStore implements SlaConfigStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async load(): Promise<SlaConfiguration> {
    const spec = slaConfigQueries.configuration();
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          ...keyCondition(spec),
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);

    const stored = items.find(slaPoliciesEntity.is);
    const calendars = items.filter(slaCalendarEntity.is).map((item) => SlaCalendar.parse(item.calendar));
    if (!stored) return { policies: defaultPolicies(), calendars, version: 0, updatedAt: null };
    // Validated when saved; parsed again so a hand-edited item fails loudly, not deep in a clock.
    const { policies } = SlaPolicyDocument.parse({ policies: stored.policies });
    return {
      policies,
      calendars,
      version: Number(stored.version),
      updatedAt: typeof stored.updatedAt === 'string' ? stored.updatedAt : null,
    };
  }

  async savePolicies(change: PolicyChange): Promise<number> {
    const version = change.expectedVersion + 1;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...slaPoliciesEntity.item(),
                  policies: change.policies,
                  version,
                  updatedAt: change.at,
                  updatedBy: change.actor,
                },
                ...(change.expectedVersion === 0
                  ? { ConditionExpression: ITEM_ABSENT }
                  : {
                      ConditionExpression: '#version = :expected',
                      ExpressionAttributeNames: { '#version': 'version' },
                      ExpressionAttributeValues: { ':expected': change.expectedVersion },
                    }),
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...slaPolicyChangeEntity.item(version),
                  version,
                  at: change.at,
                  actor: change.actor,
                  before: change.previous,
                  after: change.policies,
                },
                ConditionExpression: ITEM_ABSENT,
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        throw new PreconditionFailed(
          'The SLA policies were saved by someone else meanwhile: reload and retry',
        );
      }
      throw error;
    }
    return version;
  }

  async saveCalendar(calendar: SlaCalendar): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...slaCalendarEntity.item(calendar.id), calendar },
      }),
    );
  }
}
