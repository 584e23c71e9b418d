import { Stack } from 'aws-cdk-lib';
import { Effect, type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CfnAccessPolicy, CfnCollection, CfnSecurityPolicy } from 'aws-cdk-lib/aws-opensearchserverless';
import { Construct } from 'constructs';
import { TICKETS_INDEX } from '#search/opensearch.js';

export interface SearchCollectionProps {
  /** Lower-case letters, digits and hyphens: names the collection and its policies (≤ 20 used). */
  namePrefix: string;
  /** Standby replicas in a second Availability Zone. */
  standbyReplicas: boolean;
}

/** The data-plane permissions each grantee needs on the tickets' index, no more. */
export const collectionPermissions = {
  /**
   * The search-index consumer (and the back-fill): create the index once, add the fields a later
   * release maps (`PUT tickets/_mapping`: UpdateIndex), write documents.
   */
  write: [
    'aoss:CreateIndex',
    'aoss:DescribeIndex',
    'aoss:UpdateIndex',
    'aoss:WriteDocument',
    'aoss:ReadDocument',
  ],
  /** The list route: search. */
  read: ['aoss:DescribeIndex', 'aoss:ReadDocument'],
} as const;

/**
 * The OpenSearch Serverless collection of the tickets' index (docs/search.md "OpenSearch
 * Serverless"), synthesized only with `searchEngine=opensearch`: a SEARCH collection, encrypted
 * with an AWS-owned key, reachable only at its collection endpoint (no Dashboards), and a data
 * access policy naming exactly the roles that index and that search. Every request is SigV4-signed
 * by one of those roles; IAM gives them `aoss:APIAccessAll` on this collection only.
 */
export class SearchCollection extends Construct {
  readonly collection: CfnCollection;
  readonly name: string;
  /** The policies' names start with it (each name ≤ 32 characters). */
  private readonly base: string;

  constructor(scope: Construct, id: string, props: SearchCollectionProps) {
    super(scope, id);
    const base = props.namePrefix
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .slice(0, 20);
    this.base = base;
    this.name = `${base}-tickets`;
    const resource = [`collection/${this.name}`];

    const encryption = new CfnSecurityPolicy(this, 'Encryption', {
      name: `${base}-tickets-enc`,
      type: 'encryption',
      description: 'The tickets search collection: encrypted at rest with an AWS-owned key',
      policy: JSON.stringify({
        Rules: [{ ResourceType: 'collection', Resource: resource }],
        AWSOwnedKey: true,
      }),
    });
    // The functions run outside a VPC, so the collection endpoint is reachable from AWS's public
    // network; nothing answers without a SigV4 signature of a principal the data access policy
    // names. Dashboards are not opened at all (docs/search.md).
    const network = new CfnSecurityPolicy(this, 'Network', {
      name: `${base}-tickets-net`,
      type: 'network',
      description: 'The tickets search collection: its API endpoint only, signed requests; no Dashboards',
      policy: JSON.stringify([
        { Rules: [{ ResourceType: 'collection', Resource: resource }], AllowFromPublic: true },
      ]),
    });
    this.collection = new CfnCollection(this, 'Collection', {
      name: this.name,
      type: 'SEARCH',
      description: 'Tickets full-text search (docs/search.md)',
      standbyReplicas: props.standbyReplicas ? 'ENABLED' : 'DISABLED',
    });
    this.collection.addResourceDependency(encryption);
    this.collection.addResourceDependency(network);
  }

  /** The collection's HTTPS endpoint, for the functions' OPENSEARCH_ENDPOINT. */
  get endpoint(): string {
    return this.collection.attrCollectionEndpoint;
  }

  /**
   * The data access policy (writers: the search-index consumer and the back-fill principal;
   * readers: the list route) and each role's IAM right to call this collection's API.
   */
  grant(grantees: {
    writers: IRole[];
    readers: IRole[];
    reindexPrincipal?: string | undefined;
  }): CfnAccessPolicy {
    const index = [`index/${this.name}/${TICKETS_INDEX}`];
    const rule = (permissions: readonly string[]) => ({
      ResourceType: 'index',
      Resource: index,
      Permission: [...permissions],
    });
    const writers = [
      ...grantees.writers.map((role) => role.roleArn),
      ...(grantees.reindexPrincipal ? [grantees.reindexPrincipal] : []),
    ];
    const policy = new CfnAccessPolicy(this, 'DataAccess', {
      name: `${this.base}-tickets-acl`,
      type: 'data',
      description: 'The search-index consumer writes the tickets index; the ticket list route reads it',
      policy: Stack.of(this).toJsonString([
        { Description: 'Index tickets', Rules: [rule(collectionPermissions.write)], Principal: writers },
        {
          Description: 'Search tickets',
          Rules: [rule(collectionPermissions.read)],
          Principal: grantees.readers.map((role) => role.roleArn),
        },
      ]),
    });
    for (const role of [...grantees.writers, ...grantees.readers]) {
      role.addToPrincipalPolicy(
        new PolicyStatement({
          sid: 'CallSearchCollection',
          effect: Effect.ALLOW,
          actions: ['aoss:APIAccessAll'],
          resources: [this.collection.attrArn],
        }),
      );
    }
    return policy;
  }
}
