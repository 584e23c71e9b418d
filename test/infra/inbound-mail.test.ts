import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectKey } from '#attachments/attachment.js';
import { tableReadActions } from '#infra/constructs/grants.js';
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

/** The app with SES receiving for the support domain (docs/inbound-mail.md). */
let helpdesk: Helpdesk;
let stateful: Template;
let stateless: Template;

beforeAll(() => {
  const app = testApp({ inboundDomain: 'support.example', region: 'eu-central-1', ...withoutBundling });
  helpdesk = buildHelpdesk(app, { portalDistDir: join(import.meta.dirname, 'fixtures', 'portal-dist') });
  // synthesize runs cdk-nag: an unacknowledged finding throws here.
  const synthesized = synthesize(app);
  stateful = synthesized.template(helpdesk.stateful.stackName);
  stateless = synthesized.template(helpdesk.stateless.stackName);
}, 300_000);

describe('SES receiving (inboundDomain=support.example)', () => {
  it('stores each mail for support@support.example in the bucket, scanned and over TLS, then invokes the handler', () => {
    const rules = Object.values(resourcesOf(stateless, 'AWS::SES::ReceiptRule')).map(
      (rule) => propertiesOf(rule).Rule as Record<string, unknown>,
    );
    expect(rules).toHaveLength(1);
    const rule = rules[0] ?? {};
    expect(rule).toMatchObject({
      Enabled: true,
      Recipients: ['support@support.example'],
      ScanEnabled: true,
      TlsPolicy: 'Require',
    });
    const actions = rule.Actions as Record<string, Record<string, unknown>>[];
    expect(actions[0]?.S3Action).toMatchObject({ ObjectKeyPrefix: 'mail/' });
    expect(actions[1]?.LambdaAction).toMatchObject({ InvocationType: 'Event' });
  });

  it('lets SES of this account write raw mail and nothing else; the bucket stays private', () => {
    const policies = Object.values(resourcesOf(stateful, 'AWS::S3::BucketPolicy'));
    const statements = policies.flatMap(
      (policy) => (propertiesOf(policy).PolicyDocument as { Statement: Record<string, unknown>[] }).Statement,
    );
    const ses = statements.filter((statement) =>
      JSON.stringify(statement.Principal).includes('ses.amazonaws.com'),
    );
    expect(ses).toHaveLength(1);
    expect(ses[0]).toMatchObject({ Effect: 'Allow', Action: 's3:PutObject' });
    expect(JSON.stringify(ses[0]?.Resource)).toContain('/mail/*');
    expect(JSON.stringify(ses[0]?.Condition)).toContain('aws:SourceAccount');
    const buckets = Object.values(resourcesOf(stateful, 'AWS::S3::Bucket')).map((bucket) =>
      propertiesOf(bucket),
    );
    for (const bucket of buckets) {
      expect(bucket.PublicAccessBlockConfiguration).toMatchObject({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
    const lifecycle = JSON.stringify(buckets.map((bucket) => bucket.LifecycleConfiguration));
    expect(lifecycle).toContain('expire-raw-mail');
  });

  it("grants the handler only the table, timers, mail sending and the bucket's mail/ and t/ prefixes", () => {
    expect(helpdesk.stateless.inboundMail?.receive).toBeDefined();
    const granted = policyStatements(stateless)
      .filter((entry) => entry.owner.startsWith('InboundMailReceive'))
      .map((entry) => entry.statement);
    expect(granted.length).toBeGreaterThan(0);
    const s3 = granted.filter((statement) => JSON.stringify(statement.Action).includes('s3:'));
    expect(
      s3.map((statement) => [
        statement.Action,
        JSON.stringify(statement.Resource).includes('/mail/*')
          ? 'mail'
          : JSON.stringify(statement.Resource).includes('/t/*')
            ? 't'
            : 'other',
      ]),
    ).toEqual([
      ['s3:GetObject', 'mail'],
      [['s3:DeleteObject', 's3:PutObject'], 't'],
    ]);
    for (const statement of granted) expect(JSON.stringify(statement.Resource ?? '')).not.toBe('"*"');
  });

  it('lets the kept-mail retry route read the table and invoke the handler, and touch no mail itself', () => {
    const retry = helpdesk.stateless.functions.api.get('retry-dead-letter');
    const receive = helpdesk.stateless.inboundMail?.receive;
    if (!retry || !receive) throw new Error('the retry route or the handler is missing');
    const logicalIdOf = (construct: IConstruct) =>
      Stack.of(construct).resolve(
        (construct.node.defaultChild as unknown as { logicalId: string }).logicalId,
      ) as string;
    const roleId = logicalIdOf(retry.role);
    const resources = resourcesOf(stateless);
    const granted = policyStatements(stateless)
      .filter(({ owner }) =>
        ((resources[owner]?.Properties?.Roles ?? []) as { Ref?: string }[]).some(
          (role) => role.Ref === roleId,
        ),
      )
      .map(({ statement }) => statement);
    // Besides its own log stream (as every function).
    const actions = granted
      .flatMap((statement) => list(statement.Action))
      .filter((action) => !action.startsWith('logs:'));
    expect(actions.filter((action) => !tableReadActions.includes(action as never))).toEqual([
      'lambda:InvokeFunction',
    ]);
    expect(actions.filter((action) => action.startsWith('dynamodb:')).length).toBeGreaterThan(0);
    const handlerArn = { 'Fn::GetAtt': [logicalIdOf(receive.function), 'Arn'] };
    const invoke = granted.find((statement) => list(statement.Action).includes('lambda:InvokeFunction'));
    expect(invoke?.Resource).toEqual(handlerArn);
    const variables = (
      propertiesOf(resources[logicalIdOf(retry.function)]).Environment as {
        Variables: Record<string, unknown>;
      }
    ).Variables;
    expect(variables.INBOUND_MAIL_FUNCTION).toEqual(handlerArn);
  });
});

/** With the optional malware scan (docs/attachments.md), files received by mail are scanned like uploads. */
describe('SES receiving with the malware scan (attachmentMalwareScan=true)', () => {
  let scanned: Helpdesk;
  let template: Template;
  beforeAll(() => {
    const app = testApp({
      inboundDomain: 'support.example',
      region: 'eu-central-1',
      attachmentMalwareScan: 'true',
      ...withoutBundling,
    });
    scanned = buildHelpdesk(app, { portalDistDir: join(import.meta.dirname, 'fixtures', 'portal-dist') });
    template = synthesize(app).template(scanned.stateless.stackName);
  }, 300_000);

  it("scans the prefix a mail's files are stored under, and every function storing files waits for the verdict", () => {
    // A mail's files are stored under the attachments' keys, the prefix the plan protects.
    expect(objectKey('01JTICKETAAAAAAAAAAAAAAAAA', '01JFILEAAAAAAAAAAAAAAAAAAA').startsWith('t/')).toBe(true);
    template.hasResourceProperties('AWS::GuardDuty::MalwareProtectionPlan', {
      ProtectedResource: { S3Bucket: { ObjectPrefixes: ['t/'] } },
      Actions: { Tagging: { Status: 'ENABLED' } },
    });
    const environments = Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).map(([id, fn]) => ({
      id,
      variables:
        (propertiesOf(fn).Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ??
        {},
    }));
    const idOf = (fn: HelpdeskFunction | undefined): string => {
      if (!fn) throw new Error('function missing');
      const child = fn.function.node.defaultChild as unknown as { logicalId: string };
      return Stack.of(fn.function).resolve(child.logicalId) as string;
    };
    // The functions that store a mail's files (receive; a retried mail too, since the retry route
    // hands it to receive) and judge them.
    const fileHandlers = [
      scanned.stateless.inboundMail?.receive,
      scanned.stateless.attachments.verify,
      scanned.stateless.attachments.scanResult,
    ].map(idOf);
    expect(
      fileHandlers.map((id) => environments.find((fn) => fn.id === id)?.variables.ATTACHMENT_MALWARE_SCAN),
    ).toEqual(['guardduty', 'guardduty', 'guardduty']);
  });
});
