import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { atVersion, saveAudited } from '#platform/adapters/audited-document.js';
import { automationRulesChangeEntity, automationRulesEntity } from '#platform/table/automation.js';
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
    await saveAudited(this.db, {
      tableName: this.tableName,
      document: {
        ...automationRulesEntity.item(),
        rules: change.rules,
        version,
        updatedAt: change.at,
        updatedBy: change.actor,
      },
      condition: atVersion(change.expectedVersion),
      audit: {
        ...automationRulesChangeEntity.item(version),
        version,
        at: change.at,
        actor: change.actor,
        before: change.previous,
        after: change.rules,
      },
      conflict: 'The automation rules were saved by someone else meanwhile: reload and retry',
    });
    return version;
  }
}
