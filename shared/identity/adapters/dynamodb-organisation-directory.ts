import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '#platform/ports.js';
import { organisationEntity } from '#platform/table/organisation.js';
import { ttlCache } from '#platform/ttl-cache.js';
import { Organisation, type OrganisationDirectory } from '../organisation.js';

/**
 * How long a container trusts an organisation it read: ticket creates check the organisation
 * on every request, and organisations change rarely (as the SLA configuration cache, 10 s).
 */
export const ORGANISATION_CACHE_MS = 10_000;

/** Organisation items of the table, each kept per container for a short while (absent ones too). */
export class DynamoOrganisationDirectory implements OrganisationDirectory {
  private readonly cached: (
    id: string,
    load: () => Promise<Organisation | null>,
  ) => Promise<Organisation | null>;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    clock: Clock,
    ttlMs = ORGANISATION_CACHE_MS,
  ) {
    this.cached = ttlCache(clock, ttlMs);
  }

  get(id: string): Promise<Organisation | null> {
    return this.cached(id, () => this.load(id));
  }

  private async load(id: string): Promise<Organisation | null> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: organisationEntity.key(id) }),
    );
    return result.Item ? Organisation.parse(result.Item) : null;
  }
}
