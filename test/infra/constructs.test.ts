import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExplicitActionsRole } from '#infra/constructs/explicit-actions-role.js';
import { PortalHosting } from '#infra/constructs/portal-hosting.js';
import { defaultSettings, readSettings } from '#infra/settings.js';
import { removeSynthOutputs, testApp } from './synth.js';

afterAll(removeSynthOutputs);

const config = {
  auth: 'cognito' as const,
  region: 'eu-central-1',
  userPoolId: 'eu-central-1_pool',
  clientId: 'portal-client',
  domain: 'https://helpdesk.auth.eu-central-1.amazoncognito.com',
  apiBase: '/api/v1',
};

const portalStack = (distDir: string) => {
  const app = testApp();
  const stack = new Stack(app, 'Portal');
  const hosting = new PortalHosting(stack, 'Portal', {
    apiDomain: 'abc123.execute-api.eu-central-1.amazonaws.com',
    distDir,
    logRetention: RetentionDays.ONE_WEEK,
  });
  hosting.deployContent(config);
  return stack;
};

describe('portal hosting', () => {
  // One synth per variant: each copies the AWS CLI layer of BucketDeployment.
  let unbuilt: Stack;
  let built: Stack;
  beforeAll(() => {
    unbuilt = portalStack(join(import.meta.dirname, 'fixtures', 'no-such-dist'));
    built = portalStack(join(import.meta.dirname, 'fixtures', 'portal-dist'));
  });

  it('deploys only /config.json, keeps what is online and says so when the portal was not built', () => {
    const stack = unbuilt;
    const template = Template.fromStack(stack);
    template.resourceCountIs('Custom::CDKBucketDeployment', 1);
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      Prune: false,
      SystemMetadata: { 'cache-control': 'no-cache' },
    });
    Annotations.fromStack(stack).hasWarning('/Portal/Portal', Match.stringLikeRegexp('does not exist'));
  });

  it('uploads hashed assets for a year and index.html and config.json for revalidation on every load', () => {
    const template = Template.fromStack(built);
    template.resourceCountIs('Custom::CDKBucketDeployment', 2);
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
    template.hasResource('Custom::CDKBucketDeployment', {
      Properties: Match.objectLike({ SystemMetadata: { 'cache-control': 'no-cache' } }),
      DependsOn: Match.arrayWith([Match.stringLikeRegexp('PortalAssets')]),
    });
  });

  it('answers client-side routes with index.html without touching /api/* errors', () => {
    const template = Template.fromStack(unbuilt);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ CustomErrorResponses: Match.absent() }),
    });
    template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: Match.stringLikeRegexp("request.uri = '/index.html'"),
    });
  });
});

describe('explicit-actions role', () => {
  const role = () =>
    new ExplicitActionsRole(new Stack(testApp(), 'Roles'), 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    });

  it('replaces the wildcards of CDK grants with the one action each stands for', () => {
    const subject = role();
    subject.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:GetObject*', 's3:List*', 's3:PutObject'],
        resources: ['arn:aws:s3:::b/*'],
      }),
    );
    Template.fromStack(Stack.of(subject)).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          { Action: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'], Resource: 'arn:aws:s3:::b/*' },
        ],
      },
    });
  });

  it('refuses a wildcard it has no replacement for', () => {
    expect(() =>
      role().addToPrincipalPolicy(new PolicyStatement({ actions: ['kms:*'], resources: ['*'] })),
    ).toThrow(/kms:\*/);
  });
});

describe('settings from context', () => {
  const settingsWith = (context: Record<string, unknown>) => readSettings(new App({ context }));

  it('has defaults that synthesize offline', () => {
    expect(settingsWith({})).toEqual(defaultSettings);
  });

  it('reads the operator’s values', () => {
    expect(
      settingsWith({
        senderEmail: 'support@example.org',
        alarmEmail: 'ops@example.org',
        logRetentionDays: '90',
        corsOrigins: 'https://a.example.org, https://b.example.org',
        portalDomain: 'helpdesk.example.org',
        portalCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
        integrators: 'crm, reporting:read',
      }),
    ).toMatchObject({
      integrators: [
        { name: 'crm', scopes: ['tickets.read', 'tickets.write'] },
        { name: 'reporting', scopes: ['tickets.read'] },
      ],
      senderEmail: 'support@example.org',
      alarmEmail: 'ops@example.org',
      logRetention: RetentionDays.THREE_MONTHS,
      corsOrigins: ['https://a.example.org', 'https://b.example.org'],
      portalDomain: 'helpdesk.example.org',
    });
  });

  it.each([
    [{ senderEmail: 'not-an-address' }, /senderEmail/],
    [{ alarmEmail: 'ops@' }, /alarmEmail/],
    [{ senderEmail: 'help@example.org', senderDomain: 'example.com' }, /senderDomain/],
    [{ replyToEmail: 'nobody' }, /replyToEmail/],
    [{ senderName: 'Evil <x@y.z>' }, /senderName/],
    [{ logRetentionDays: '45' }, /logRetentionDays/],
    [{ logLevel: 'chatty' }, /logLevel/],
    [{ corsOrigins: 'https://a.example.org/path' }, /corsOrigins/],
    [{ portalDomain: 'helpdesk.example.org' }, /portalCertificateArn/],
    [{ authDomainPrefix: 'Has_Upper' }, /authDomainPrefix/],
    [{ stackPrefix: 'a-very-long-prefix-that-would-not-fit' }, /stackPrefix/],
    [{ integrators: 'crm,crm' }, /integrators/],
    [{ integrators: 'CRM:admin' }, /integrators/],
  ])('stops the synth on %o, naming the key', (context, message) => {
    expect(() => settingsWith(context)).toThrow(message);
  });
});
