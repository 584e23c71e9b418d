import { join } from 'node:path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { CfnMalwareProtectionPlan } from 'aws-cdk-lib/aws-guardduty';
import { Effect, type IGrantable, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { cloudVariablesOf } from '#functions/wiring/settings.js';
import { grantTable } from './grants.js';
import { HelpdeskFunction } from './helpdesk-function.js';
import { acknowledgeWildcardResource } from './nag.js';

/** Attachment objects live under `t/<ticketId>/<attachmentId>` (shared/attachments/attachment.ts). */
export const ATTACHMENT_PREFIX = 't/';

export interface AttachmentsProps {
  projectRoot: string;
  bucket: IBucket;
  tableArn: string;
  logRetention: RetentionDays;
  logLevel: string;
  /** The deployment's configuration values; the functions take those of the attachments family. */
  values: Record<string, string>;
  /** GuardDuty Malware Protection for S3 on the bucket's attachment prefix (docs/attachments.md). */
  malwareScan: boolean;
}

/** Object-level S3 actions on the attachment prefix of the bucket, and nothing else. */
export const grantAttachmentObjects = (
  grantee: IGrantable & IConstruct,
  bucket: IBucket,
  sid: string,
  actions: string[],
): void => {
  const objects = bucket.arnForObjects(`${ATTACHMENT_PREFIX}*`);
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({ sid, effect: Effect.ALLOW, actions, resources: [objects] }),
  );
  acknowledgeWildcardResource(
    grantee,
    objects,
    'Object keys are made per ticket and attachment at run time; the grant is limited to the attachment prefix of the one bucket.',
  );
};

/**
 * What happens to a file after its presigned upload: S3's "Object Created" event (EventBridge,
 * enabled on the bucket in the stateful stack) invokes the verification, which reads the first
 * bytes, checks type and size and makes the attachment available or rejects and removes it.
 * A failed verification is retried by Lambda, then kept in a dead-letter queue (alarmed).
 * With the malware scan on, GuardDuty scans every object under the prefix and its result event
 * invokes the scan-result function, which decides availability.
 */
export class Attachments extends Construct {
  readonly verify: HelpdeskFunction;
  readonly scanResult: HelpdeskFunction | undefined;
  readonly deadLetters: Queue;
  readonly uploadRule: Rule;

  constructor(scope: Construct, id: string, props: AttachmentsProps) {
    super(scope, id);
    const { required, optional } = cloudVariablesOf('attachments');
    const missing = required.filter((name) => props.values[name] === undefined);
    if (missing.length) throw new Error(`No value for ${missing.join(', ')} (needed by the attachments)`);
    const environment = Object.fromEntries(
      [...required, ...optional].flatMap((name) =>
        props.values[name] === undefined ? [] : [[name, props.values[name]]],
      ),
    );

    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter destination of the attachment verification, not a work queue.',
    });

    const verificationFunction = (name: string, file: string, description: string) => {
      const fn = new HelpdeskFunction(this, name, {
        entry: join(props.projectRoot, 'functions', 'attachments', file),
        serviceName: 'helpdesk-attachments',
        description,
        logRetention: props.logRetention,
        logLevel: props.logLevel,
        timeout: Duration.seconds(30),
        environment,
      });
      grantTable(fn.role, props.tableArn, 'readWrite');
      // Read the first bytes, retag an accepted upload, remove a rejected one.
      grantAttachmentObjects(fn.role, props.bucket, 'JudgeUploads', [
        's3:GetObject',
        's3:GetObjectTagging',
        's3:PutObjectTagging',
        's3:DeleteObject',
      ]);
      fn.function.configureAsyncInvoke({
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
        onFailure: new SqsDestination(this.deadLetters),
      });
      return fn;
    };

    this.verify = verificationFunction(
      'Verify',
      'verify-upload.ts',
      'help desk attachments: verify an uploaded file (type, size) and offer or reject it',
    );
    this.uploadRule = new Rule(this, 'UploadLanded', {
      description: 'An object under the attachment prefix was created: verify it',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [props.bucket.bucketName] },
          object: { key: [{ prefix: ATTACHMENT_PREFIX }] },
        },
      },
      targets: [
        new LambdaFunction(this.verify.function, {
          retryAttempts: 8,
          maxEventAge: Duration.hours(2),
          deadLetterQueue: this.deadLetters,
        }),
      ],
    });

    if (props.malwareScan) {
      this.scanResult = verificationFunction(
        'ScanResult',
        'scan-result.ts',
        'help desk attachments: apply the GuardDuty malware scan result to an upload',
      );
      new Rule(this, 'ScanFinished', {
        description: 'GuardDuty scanned an attachment: offer it or reject it',
        eventPattern: {
          source: ['aws.guardduty'],
          detailType: ['GuardDuty Malware Protection Object Scan Result'],
          detail: { s3ObjectDetails: { bucketName: [props.bucket.bucketName] } },
        },
        targets: [
          new LambdaFunction(this.scanResult.function, {
            retryAttempts: 8,
            maxEventAge: Duration.hours(2),
            deadLetterQueue: this.deadLetters,
          }),
        ],
      });
      this.protectBucket(props.bucket);
    }
  }

  /**
   * The attachment routes sign their presigned URLs with their own role, so each may do exactly
   * what its URLs do: upload slots put (tagged) objects, downloads get them; the list reads the
   * table only.
   */
  grantRoutes(functions: ReadonlyMap<string, HelpdeskFunction>, bucket: IBucket): void {
    const fn = (name: string) => {
      const found = functions.get(name);
      if (!found) throw new Error(`No function for the ${name} route`);
      return found;
    };
    grantAttachmentObjects(fn('create-attachment').role, bucket, 'SignUploads', [
      's3:PutObject',
      's3:PutObjectTagging',
    ]);
    grantAttachmentObjects(fn('get-attachment').role, bucket, 'SignDownloads', ['s3:GetObject']);
  }

  /**
   * The `ticket-erasure` stream consumer removes a deleted ticket's files: it lists the
   * attachment prefix (ListBucket conditioned on the prefix) and deletes objects under it, nothing
   * else of the bucket.
   */
  grantTicketErasure(stream: ReadonlyMap<string, HelpdeskFunction>, bucket: IBucket): void {
    const consumer = stream.get('ticket-erasure');
    if (!consumer) throw new Error('No function for the ticket-erasure stream consumer');
    consumer.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'ListTicketFiles',
        effect: Effect.ALLOW,
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${ATTACHMENT_PREFIX}*`] } },
      }),
    );
    grantAttachmentObjects(consumer.role, bucket, 'DeleteTicketFiles', ['s3:DeleteObject']);
  }

  /** GuardDuty Malware Protection for S3 with the role it needs (its documented policy, on this bucket only). */
  private protectBucket(bucket: IBucket): void {
    const stack = Stack.of(this);
    const role = new Role(this, 'MalwareScanRole', {
      assumedBy: new ServicePrincipal('malware-protection-plan.guardduty.amazonaws.com'),
      description: 'GuardDuty Malware Protection for S3 on the attachments bucket',
    });
    const managedRules = `arn:${stack.partition}:events:${stack.region}:${stack.account}:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*`;
    const statements = [
      new PolicyStatement({
        sid: 'ManageTheScanRule',
        actions: ['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets'],
        resources: [managedRules],
        conditions: { StringLike: { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' } },
      }),
      new PolicyStatement({
        sid: 'WatchTheScanRule',
        actions: ['events:DescribeRule', 'events:ListTargetsByRule'],
        resources: [managedRules],
      }),
      new PolicyStatement({
        sid: 'TagScannedObjects',
        actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging', 's3:PutObjectTagging'],
        resources: [bucket.arnForObjects(`${ATTACHMENT_PREFIX}*`)],
      }),
      new PolicyStatement({
        sid: 'ValidateTheBucket',
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('malware-protection-resource-validation-object')],
      }),
      new PolicyStatement({
        sid: 'ReadTheBucketSetup',
        actions: ['s3:ListBucket', 's3:GetBucketNotification', 's3:PutBucketNotification'],
        resources: [bucket.bucketArn],
      }),
    ];
    for (const statement of statements) role.addToPrincipalPolicy(statement);
    acknowledgeWildcardResource(
      role,
      managedRules,
      'GuardDuty names its managed EventBridge rules with this prefix.',
    );
    acknowledgeWildcardResource(
      role,
      bucket.arnForObjects(`${ATTACHMENT_PREFIX}*`),
      'GuardDuty scans and tags every object under the attachment prefix of the one bucket.',
    );
    const plan = new CfnMalwareProtectionPlan(this, 'MalwareScan', {
      role: role.roleArn,
      protectedResource: { s3Bucket: { bucketName: bucket.bucketName, objectPrefixes: [ATTACHMENT_PREFIX] } },
      actions: { tagging: { status: 'ENABLED' } },
    });
    plan.node.addDependency(role);
  }
}
