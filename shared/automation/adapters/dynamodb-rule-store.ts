import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { PreconditionFailed } from '#platform/errors.js';
import { automationRulesChangeEntity, automationRulesEntity } from '#platform/table/automation.js';
import { ITEM_ABSENT } from '#platform/table/key.js';
import type { RuleStore, RulesChange, VersionedRules } from '../ports.js';
import { RuleDocument } from '../rule.js';

/** The rule list in one item (`CONFIG / AUTOMATION_RULES`), its audit records beside it. */
export class DynamoRuleStore implements RuleStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async load(): Promise<VersionedRules> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: automationRulesEntity.key(), ConsistentRead: true }),
    );
    if (!Item) return { rules: [], version: 0 };
    // Validated when saved; parsed again so a hand-edited item fails loudly.
    return { rules: RuleDocument.parse({ rules: Item.rules }).rules, version: Number(Item.version) };
  }

  async save(change: RulesChange): Promise<number> {
    const version = change.expectedVersion + 1;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...automationRulesEntity.item(),
                  rules: change.rules,
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
                  ...automationRulesChangeEntity.item(version),
                  version,
                  at: change.at,
                  actor: change.actor,
                  before: change.previous,
                  after: change.rules,
                },
                ConditionExpression: ITEM_ABSENT,
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException)
        throw new PreconditionFailed(
          'The automation rules were saved by someone else meanwhile: reload and retry',
        );
      throw error;
    }
    return version;
  }
}
