import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { atVersion, saveAudited } from '#platform/adapters/audited-document.js';
import { ITEM_ABSENT } from '#platform/table/key.js';
import { keyCondition } from '#platform/table/query.js';
import {
  slaCalendarChangeEntity,
  slaCalendarEntity,
  slaConfigQueries,
  slaPoliciesEntity,
  slaPolicyChangeEntity,
  slaReapplyJobEntity,
} from '#platform/table/sla-config.js';
import { SlaCalendar } from '../calendar.js';
import { defaultPolicies, SlaPolicyDocument } from '../policy.js';
import { reapplyJobStart } from '../policy-impact.js';
import type {
  CalendarChange,
  CalendarStore,
  PolicyChange,
  PolicyChangeRecord,
  PolicyHistory,
  ReapplyJob,
  ReapplyJobStore,
  SlaConfigStore,
  SlaConfiguration,
  VersionedCalendar,
} from '../ports.js';

/**
 * SLA policies and calendars in the single table: `CONFIG / SLA_POLICIES` holds the ordered
 * list and its version, `CONFIG / SLA_CALENDAR#<id>` each calendar, so one Query reads both.
 * Until an admin saves policies, the defaults apply (version 0).
 */
export class DynamoSlaConfigStore implements SlaConfigStore, PolicyHistory, ReapplyJobStore, CalendarStore {
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
    await saveAudited(this.db, {
      tableName: this.tableName,
      document: {
        ...slaPoliciesEntity.item(),
        policies: change.policies,
        version,
        updatedAt: change.at,
        updatedBy: change.actor,
      },
      condition: atVersion(change.expectedVersion),
      audit: {
        ...slaPolicyChangeEntity.item(version),
        version,
        at: change.at,
        actor: change.actor,
        applyTo: change.applyTo ?? 'new',
        before: change.previous,
        after: change.policies,
      },
      alsoPut:
        change.applyTo === 'open'
          ? [{ ...slaReapplyJobEntity.item(version), ...reapplyJobStart(version, change.at) }]
          : [],
      conflict: 'The SLA policies were saved by someone else meanwhile: reload and retry',
    });
    return version;
  }

  async history(limit: number, beforeVersion?: number): Promise<PolicyChangeRecord[]> {
    const spec = slaConfigQueries.policyChanges();
    const condition = keyCondition(spec);
    const page = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...condition,
        ...(beforeVersion === undefined
          ? {}
          : {
              KeyConditionExpression: '#pk = :pk AND #sk < :before',
              ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
              ExpressionAttributeValues: {
                ':pk': spec.pk,
                ':before': slaPolicyChangeEntity.key(beforeVersion).sk,
              },
            }),
        Limit: limit,
      }),
    );
    return (page.Items ?? []).map((item) => ({
      version: Number(item.version),
      at: String(item.at),
      actor: item.actor as PolicyChangeRecord['actor'],
      applyTo: item.applyTo === 'open' ? 'open' : 'new',
      before: SlaPolicyDocument.parse({ policies: item.before ?? [] }).policies,
      after: SlaPolicyDocument.parse({ policies: item.after ?? [] }).policies,
    }));
  }

  async advance(job: ReapplyJob, from: number): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...slaReapplyJobEntity.item(job.version), ...job },
          ConditionExpression: '#step = :from',
          ExpressionAttributeNames: { '#step': 'step' },
          ExpressionAttributeValues: { ':from': from },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async getCalendar(id: string): Promise<VersionedCalendar | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: slaCalendarEntity.key(id), ConsistentRead: true }),
    );
    return Item ? { calendar: SlaCalendar.parse(Item.calendar), version: Number(Item.version ?? 0) } : null;
  }

  async listCalendars(): Promise<VersionedCalendar[]> {
    const page = await this.db.send(
      new QueryCommand({ TableName: this.tableName, ...keyCondition(slaConfigQueries.calendars()) }),
    );
    return (page.Items ?? []).map((item) => ({
      calendar: SlaCalendar.parse(item.calendar),
      version: Number(item.version ?? 0),
    }));
  }

  async putCalendar(change: CalendarChange): Promise<number> {
    const version = (change.expectedVersion ?? 0) + 1;
    const id = change.calendar.id;
    await saveAudited(this.db, {
      tableName: this.tableName,
      document: { ...slaCalendarEntity.item(id), calendar: change.calendar, version },
      // null: a new calendar; 0: a calendar stored before calendars had versions.
      condition:
        change.expectedVersion === null
          ? { ConditionExpression: ITEM_ABSENT }
          : change.expectedVersion === 0
            ? {
                ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(#version)',
                ExpressionAttributeNames: { '#pk': 'pk', '#version': 'version' },
              }
            : atVersion(change.expectedVersion),
      audit: {
        ...slaCalendarChangeEntity.item(id, version),
        version,
        at: change.at,
        actor: change.actor,
        before: change.previous,
        after: change.calendar,
      },
      conflict: `The calendar ${id} was saved by someone else meanwhile: reload and retry`,
    });
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
