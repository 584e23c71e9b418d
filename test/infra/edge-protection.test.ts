import { join } from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHelpdesk, type Helpdesk } from '#infra/helpdesk.js';
import {
  propertiesOf,
  removeSynthOutputs,
  resourcesOf,
  synthesize,
  testApp,
  withoutBundling,
} from './synth.js';

afterAll(removeSynthOutputs);

/** The app with the paid protections turned on: AWS WAF per caller in front of the API, Cognito threat protection. */
let helpdesk: Helpdesk;
let edge: Template;
let stateless: Template;

beforeAll(() => {
  const app = testApp({
    wafRateLimit: 'true',
    cognitoThreatProtection: 'enforced',
    region: 'eu-central-1',
    ...withoutBundling,
  });
  helpdesk = buildHelpdesk(app, { portalDistDir: join(import.meta.dirname, 'fixtures', 'portal-dist') });
  // synthesize runs cdk-nag: an unacknowledged finding throws here.
  const synthesized = synthesize(app);
  if (!helpdesk.edge) throw new Error('expected an edge stack with wafRateLimit=true');
  edge = synthesized.template(helpdesk.edge.stackName);
  stateless = synthesized.template(helpdesk.stateless.stackName);
}, 180_000);

describe('AWS WAF rate limits (wafRateLimit=true)', () => {
  it('puts a CloudFront web ACL in us-east-1 that blocks a caller over its budget with 429 and Retry-After', () => {
    expect(helpdesk.edge?.region).toBe('us-east-1');
    const acls = Object.values(resourcesOf(edge, 'AWS::WAFv2::WebACL'));
    expect(acls).toHaveLength(1);
    const acl = propertiesOf(acls[0]);
    expect(acl.Scope).toBe('CLOUDFRONT');
    const rules = acl.Rules as {
      Name: string;
      Statement: { RateBasedStatement: Record<string, unknown> };
      Action: { Block: { CustomResponse: Record<string, unknown> } };
    }[];
    const byCaller = rules.find((rule) => rule.Name === 'api-per-caller');
    expect(byCaller?.Statement.RateBasedStatement).toMatchObject({
      AggregateKeyType: 'CUSTOM_KEYS',
      CustomKeys: [{ Header: { Name: 'authorization', TextTransformations: expect.anything() } }],
      EvaluationWindowSec: 60,
      Limit: 3000,
    });
    const byAddress = rules.find((rule) => rule.Name === 'api-per-address');
    expect(byAddress?.Statement.RateBasedStatement).toMatchObject({ AggregateKeyType: 'IP', Limit: 6000 });
    for (const rule of [byCaller, byAddress]) {
      expect(JSON.stringify(rule?.Statement.RateBasedStatement.ScopeDownStatement)).toContain('/api/');
      expect(rule?.Action.Block.CustomResponse).toMatchObject({
        ResponseCode: 429,
        ResponseHeaders: [{ Name: 'retry-after', Value: '60' }],
      });
    }
  });

  it('attaches the web ACL to the distribution that serves the portal and /api/*', () => {
    const distribution = Object.values(resourcesOf(stateless, 'AWS::CloudFront::Distribution'))[0];
    const config = propertiesOf(distribution).DistributionConfig as { WebACLId?: unknown };
    expect(config.WebACLId).toBeDefined();
  });
});

describe('Cognito threat protection (cognitoThreatProtection=enforced)', () => {
  it('uses the Plus plan with standard threat protection enforced', () => {
    stateless.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });
});
