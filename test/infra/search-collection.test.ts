import { join } from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeName, routes } from '#functions/http/routes.js';
import type { HelpdeskFunction } from '#infra/constructs/helpdesk-function.js';
import { buildHelpdesk, type Helpdesk } from '#infra/helpdesk.js';
import {
  list,
  policyStatements,
  propertiesOf,
  removeSynthOutputs,
  resourcesOf,
  synthesize,
  testApp,
  withoutBundling,
} from './synth.js';

afterAll(removeSynthOutputs);

/**
 * The optional OpenSearch Serverless engine (docs/search.md "OpenSearch Serverless"), with
 * `searchEngine=opensearch`: one SEARCH collection, its encryption and network policies, and a
 * data access policy and IAM grants for exactly the consumer that indexes and the route that
 * searches. (The default stacks, without it, are test/infra/stateless.test.ts's.)
 */
const reindexPrincipal = 'arn:aws:iam::123456789012:role/helpdesk-operator';
let helpdesk: Helpdesk;
let stateless: Template;

beforeAll(() => {
  const app = testApp({
    searchEngine: 'opensearch',
    searchReindexPrincipal: reindexPrincipal,
    region: 'eu-central-1',
    ...withoutBundling,
  });
  helpdesk = buildHelpdesk(app, { portalDistDir: join(import.meta.dirname, 'fixtures', 'portal-dist') });
  // synthesize runs cdk-nag: an unacknowledged finding throws here.
  stateless = synthesize(app).template(helpdesk.stateless.stackName);
}, 300_000);

const logicalIdOf = (fn: HelpdeskFunction): string => {
  const child = fn.role.node.defaultChild as { logicalId: string } | undefined;
  if (!child) throw new Error('role without a default child');
  return helpdesk.stateless.resolve(child.logicalId) as string;
};

const listRoute = () => {
  const route = routes.find((candidate) => candidate.module === 'functions/tickets/list-tickets');
  const fn = route ? helpdesk.stateless.functions.api.get(routeName(route)) : undefined;
  if (!fn) throw new Error('no list-tickets function');
  return fn;
};

const consumer = () => {
  const fn = helpdesk.stateless.functions.stream.get('search-index');
  if (!fn) throw new Error('no search-index consumer');
  return fn;
};

const single = (type: string) => {
  const found = Object.entries(resourcesOf(stateless, type));
  expect(found, type).toHaveLength(1);
  const [id, resource] = found[0] ?? [];
  return { id: id ?? '', properties: propertiesOf(resource) };
};

describe('the OpenSearch Serverless collection (searchEngine=opensearch)', () => {
  it('is a SEARCH collection with standby replicas, created after its encryption and network policies', () => {
    const collection = single('AWS::OpenSearchServerless::Collection');
    expect(collection.properties).toMatchObject({
      Name: 'helpdesk-tickets',
      Type: 'SEARCH',
      StandbyReplicas: 'ENABLED',
    });
    const policies = Object.entries(resourcesOf(stateless, 'AWS::OpenSearchServerless::SecurityPolicy'));
    expect(policies.map(([, policy]) => propertiesOf(policy).Type).sort()).toEqual(['encryption', 'network']);
    const dependsOn = list(resourcesOf(stateless)[collection.id]?.DependsOn as string | string[] | undefined);
    expect(new Set(dependsOn)).toEqual(new Set(policies.map(([id]) => id)));

    const byType = Object.fromEntries(
      policies.map(([, policy]) => [
        propertiesOf(policy).Type,
        JSON.parse(String(propertiesOf(policy).Policy)),
      ]),
    );
    expect(byType.encryption).toEqual({
      Rules: [{ ResourceType: 'collection', Resource: ['collection/helpdesk-tickets'] }],
      AWSOwnedKey: true,
    });
    // The collection endpoint only (signed requests); no Dashboards rule at all.
    expect(byType.network).toEqual([
      {
        Rules: [{ ResourceType: 'collection', Resource: ['collection/helpdesk-tickets'] }],
        AllowFromPublic: true,
      },
    ]);
  });

  it('lets the consumer (and the back-fill principal) write the tickets index and the list route read it, nobody else', () => {
    const access = single('AWS::OpenSearchServerless::AccessPolicy');
    expect(access.properties.Type).toBe('data');
    const text = JSON.stringify(access.properties.Policy);
    const principals = [
      ...text.matchAll(/"Fn::GetAtt\\?":\s*\[\\?"([A-Za-z0-9]+)\\?",\s*\\?"Arn\\?"\]/g),
    ].map((match) => match[1]);
    expect(new Set(principals)).toEqual(new Set([logicalIdOf(consumer()), logicalIdOf(listRoute())]));
    expect(text).toContain(reindexPrincipal);
    expect(text).toContain('index/helpdesk-tickets/tickets');
    expect(text).not.toContain('index/helpdesk-tickets/*');
    expect(text).toContain('aoss:WriteDocument');
    // The consumer adds fields a later release maps to an index that exists (PUT tickets/_mapping).
    expect(text).toContain('aoss:UpdateIndex');
  });

  it('grants aoss:APIAccessAll on this collection only, to exactly the consumer and the list route', () => {
    const collection = single('AWS::OpenSearchServerless::Collection');
    const grants = policyStatements(stateless).filter(({ statement }) =>
      list(statement.Action).some((action) => action.startsWith('aoss:')),
    );
    expect(grants.length).toBeGreaterThan(0);
    for (const { statement } of grants) {
      expect(list(statement.Action)).toEqual(['aoss:APIAccessAll']);
      expect(list(statement.Resource)).toEqual([{ 'Fn::GetAtt': [collection.id, 'Arn'] }]);
    }
    const roles = new Set(
      grants.flatMap(({ owner }) =>
        ((resourcesOf(stateless)[owner]?.Properties?.Roles ?? []) as { Ref?: string }[]).map(
          (role) => role.Ref,
        ),
      ),
    );
    expect(roles).toEqual(new Set([logicalIdOf(consumer()), logicalIdOf(listRoute())]));
  });

  it('tells the search functions the engine and the collection endpoint', () => {
    const collection = single('AWS::OpenSearchServerless::Collection');
    for (const fn of [listRoute(), consumer()]) {
      const id = helpdesk.stateless.resolve(
        (fn.function.node.defaultChild as unknown as { logicalId: string }).logicalId,
      ) as string;
      const variables = (
        propertiesOf(resourcesOf(stateless)[id]).Environment as { Variables: Record<string, unknown> }
      ).Variables;
      expect(variables.SEARCH_ENGINE).toBe('opensearch');
      expect(variables.OPENSEARCH_ENDPOINT).toEqual({ 'Fn::GetAtt': [collection.id, 'CollectionEndpoint'] });
    }
  });
});
