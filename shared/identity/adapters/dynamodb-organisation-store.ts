import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { Conflict, Invalid, NotFound, PreconditionFailed } from '#platform/errors.js';
import { auditPut } from '#platform/table/audit.js';
import { mailDomainEntity } from '#platform/table/inbound-mail.js';
import { ITEM_ABSENT, ITEM_PRESENT } from '#platform/table/key.js';
import { domainClaimEntity, organisationEntity } from '#platform/table/organisation.js';
import { keyCondition } from '#platform/table/query.js';
import type { AuditEntry } from '../audit.js';
import { Organisation, type OrganisationStore } from '../organisation.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Organisations with their domain claims (`DOMAIN#<domain>`: claimed when absent or already
 * this organisation's, in the organisation's own transaction) and audit records.
 */
export class DynamoOrganisationStore implements OrganisationStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(id: string): Promise<Organisation | null> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: organisationEntity.key(id), ConsistentRead: true }),
    );
    return result.Item ? Organisation.parse(result.Item) : null;
  }

  async list(limit: number, after?: string): Promise<{ items: Organisation[]; next: string | null }> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...keyCondition(organisationEntity.queries.all()),
        Limit: limit,
        ...(after ? { ExclusiveStartKey: organisationEntity.listedKey(after) } : {}),
      }),
    );
    const items = (result.Items ?? []).map((item) => Organisation.parse(item));
    return { items, next: result.LastEvaluatedKey ? (items.at(-1)?.id ?? null) : null };
  }

  async create(organisation: Organisation, audit: AuditEntry<Organisation>): Promise<void> {
    const claims = this.claims(organisation, organisation.domains);
    await this.write(
      organisation,
      [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...organisationEntity.item(organisation.id), ...organisation },
            ConditionExpression: ITEM_ABSENT,
          },
        },
        ...claims,
        auditPut(this.tableName, 'ORG', organisation.id, organisation.version, audit),
      ],
      () =>
        new Conflict(`There is an organisation '${organisation.id}' already`, [
          { path: 'id', message: 'Taken: choose another id' },
        ]),
    );
  }

  async update(
    organisation: Organisation,
    previous: Organisation,
    audit: AuditEntry<Organisation>,
  ): Promise<void> {
    const added = organisation.domains.filter((domain) => !previous.domains.includes(domain));
    const released = previous.domains.filter((domain) => !organisation.domains.includes(domain));
    await this.write(
      organisation,
      [
        {
          Put: {
            TableName: this.tableName,
            Item: { ...organisationEntity.item(organisation.id), ...organisation },
            // Organisations stored before administration carry no version: they are at 1.
            ConditionExpression:
              previous.version === 1
                ? `${ITEM_PRESENT} AND (attribute_not_exists(#version) OR #version = :expected)`
                : `${ITEM_PRESENT} AND #version = :expected`,
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': previous.version },
          },
        },
        ...this.claims(organisation, added),
        // Inbound mail finds the organisation of a sender's domain by these (docs/inbound-mail.md).
        ...released.map(
          (domain): TransactItem => ({
            Delete: { TableName: this.tableName, Key: mailDomainEntity.key(domain) },
          }),
        ),
        ...released.map(
          (domain): TransactItem => ({
            Delete: {
              TableName: this.tableName,
              Key: domainClaimEntity.key(domain),
              ConditionExpression: 'attribute_not_exists(#orgId) OR #orgId = :orgId',
              ExpressionAttributeNames: { '#orgId': 'orgId' },
              ExpressionAttributeValues: { ':orgId': organisation.id },
            },
          }),
        ),
        auditPut(this.tableName, 'ORG', organisation.id, organisation.version, audit),
      ],
      async () =>
        (await this.get(organisation.id))
          ? new PreconditionFailed('The organisation changed since you read it: reload and retry')
          : new NotFound(`There is no organisation '${organisation.id}'`),
    );
  }

  /** Each domain's claim, and the inbound-mail lookup of its organisation beside it. */
  private claims(organisation: Organisation, domains: readonly string[]): TransactItem[] {
    return domains.flatMap((domain): TransactItem[] => [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...mailDomainEntity.item(domain), orgId: organisation.id },
        },
      },
      {
        Put: {
          TableName: this.tableName,
          Item: { ...domainClaimEntity.item(domain), domain, orgId: organisation.id },
          ConditionExpression: `${ITEM_ABSENT} OR #orgId = :orgId`,
          ExpressionAttributeNames: { '#orgId': 'orgId' },
          ExpressionAttributeValues: { ':orgId': organisation.id },
        },
      },
    ]);
  }

  /** The transaction; a failed domain claim is a 400 naming the domain, a failed first item `refused()`. */
  private async write(
    organisation: Organisation,
    items: TransactItem[],
    refused: () => Error | Promise<Error>,
  ): Promise<void> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code);
      if (reasons[0] === 'ConditionalCheckFailed') throw await refused();
      const failed = reasons.indexOf('ConditionalCheckFailed');
      const domain = (items[failed]?.Put?.Item as { domain?: string } | undefined)?.domain;
      if (domain) {
        throw new Invalid(`The domain ${domain} belongs to another organisation`, [
          {
            path: `domains.${organisation.domains.indexOf(domain)}`,
            message: `${domain} is claimed by another organisation`,
          },
        ]);
      }
      throw error;
    }
  }
}
