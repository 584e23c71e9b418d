import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWithCdkNag } from '#infra/helpdesk.js';
import { StatefulStack } from '#infra/stacks/stateful-stack.js';
import { tableDefinition } from '#platform/table/index.js';
import {
  list,
  policyStatements,
  propertiesOf,
  removeSynthOutputs,
  resourcesOf,
  synthesize,
  testApp,
} from './synth.js';

afterAll(removeSynthOutputs);

describe('stateful stack', () => {
  let template: Template;

  beforeAll(() => {
    const app = testApp();
    new StatefulStack(app, 'TestStateful');
    checkWithCdkNag(app);
    template = synthesize(app).template('TestStateful');
  });

  it('derives the table keys and every GSI from the shared model module', () => {
    const [table] = Object.values(resourcesOf(template, 'AWS::DynamoDB::Table'));
    const props = table?.Properties as {
      KeySchema: { AttributeName: string; KeyType: string }[];
      GlobalSecondaryIndexes: {
        IndexName: string;
        KeySchema: { AttributeName: string; KeyType: string }[];
      }[];
    };
    expect(props.KeySchema).toEqual([
      { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
    ]);
    expect(
      props.GlobalSecondaryIndexes.map((index) => ({
        indexName: index.IndexName,
        partitionKey: index.KeySchema.find((key) => key.KeyType === 'HASH')?.AttributeName,
        sortKey: index.KeySchema.find((key) => key.KeyType === 'RANGE')?.AttributeName,
      })),
    ).toEqual(tableDefinition.globalSecondaryIndexes);
  });

  it('keeps the table safe: on demand, point-in-time recovery, deletion protection, TTL, retained, streamed', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    });
  });

  it('keeps attachments private, encrypted, SSL-only, retained and under lifecycle rules', () => {
    const buckets = resourcesOf(template, 'AWS::S3::Bucket');
    const attachments = Object.entries(buckets).find(
      ([id]) => id.startsWith('Attachments') && !id.includes('Logs'),
    );
    expect(attachments).toBeDefined();
    const [id, bucket] = attachments ?? ['', { Type: '' }];
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LoggingConfiguration: expect.anything(),
    });
    const rules = (propertiesOf(bucket).LifecycleConfiguration as { Rules: { Status: string }[] }).Rules;
    expect(rules.length).toBeGreaterThanOrEqual(2);
    expect(rules.every((rule) => rule.Status === 'Enabled')).toBe(true);

    const denyInsecure = Object.values(resourcesOf(template, 'AWS::S3::BucketPolicy')).find(
      (policy) => (propertiesOf(policy).Bucket as { Ref?: string }).Ref === id,
    );
    expect(denyInsecure?.Properties?.PolicyDocument).toMatchObject({
      Statement: expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      ]),
    });
  });

  it('allows no wildcard action in any IAM statement', () => {
    const wildcards = policyStatements(template).filter(({ statement }) =>
      list(statement.Action).some((action) => action.includes('*')),
    );
    expect(wildcards).toEqual([]);
  });
});

describe('cdk-nag wiring', () => {
  it('stops the synth on a finding nobody acknowledged', () => {
    const app = testApp();
    const stack = new Stack(app, 'Careless');
    new Bucket(stack, 'Open', { removalPolicy: RemovalPolicy.DESTROY });
    checkWithCdkNag(app);
    expect(() => app.synth()).toThrow(/AwsSolutions-S10|AwsSolutions-S1/);
  });
});
