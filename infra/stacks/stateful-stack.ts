import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, type TableProps } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  HttpMethods,
  ObjectOwnership,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { PENDING_TAG } from '#attachments/attachment.js';
import { tableDefinition } from '#platform/table/index.js';

/**
 * Data that outlives deployments: the one table, derived from the shared model module, and
 * the attachments bucket. Everything here is retained when the stack is destroyed.
 */
export interface StatefulStackProps extends StackProps {
  /**
   * Browser origins that PUT and GET attachments with presigned URLs (the portal). Without a
   * custom portal domain the portal's CloudFront domain is made in the stateless stack, after
   * this one: `https://*.cloudfront.net` stands for it (the presigned URL is the authorization,
   * CORS only decides which pages may read the answers).
   */
  attachmentOrigins?: string[];
  /** SES receiving is on (`inboundDomain`): SES may write raw messages under `mail/` (docs/inbound-mail.md). */
  inboundMail?: boolean;
}

export class StatefulStack extends Stack {
  readonly table: Table;
  readonly attachments: Bucket;
  /**
   * The export of the bucket's name. The stateless stack imports it by name rather than by a
   * cross-stack reference, so its grants on `<bucket>/t/*` read the same at construction and
   * in the template (cdk-nag acknowledges those wildcards by their exact text).
   */
  readonly attachmentsBucketExport: string;

  constructor(scope: Construct, id: string, props: StatefulStackProps = {}) {
    super(scope, id, props);
    const tableProps: TableProps = {
      partitionKey: { name: tableDefinition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDefinition.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: tableDefinition.ttlAttribute,
      // For reporting later (exports, analytics): every change with its before and after.
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    this.table = new Table(this, 'Table', tableProps);
    for (const index of tableDefinition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }

    const accessLogs = new Bucket(this, 'AttachmentsAccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions::AwsSolutions-S1',
      reason: 'This bucket is the server access log destination itself; logging it would recurse.',
    });

    this.attachments = new Bucket(this, 'Attachments', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'attachments/',
      removalPolicy: RemovalPolicy.RETAIN,
      // Uploads go straight from the browser with presigned URLs (docs/attachments.md).
      cors: [
        {
          allowedOrigins: props.attachmentOrigins?.length
            ? props.attachmentOrigins
            : ['https://*.cloudfront.net'],
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET, HttpMethods.HEAD],
          allowedHeaders: ['content-type', 'content-length', 'x-amz-*'],
          exposedHeaders: ['ETag'],
          maxAge: 300,
        },
      ],
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        {
          // An upload is tagged pending until its verification makes it available (or removes it).
          id: 'expire-pending-uploads',
          tagFilters: { [PENDING_TAG.key]: PENDING_TAG.value },
          expiration: Duration.days(1),
        },
        {
          // What the verification refused or removed, and older versions of anything, go for good.
          id: 'remove-expired-delete-markers',
          expiredObjectDeleteMarker: true,
        },
        {
          id: 'infrequent-access-after-90-days',
          transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) }],
        },
        { id: 'expire-replaced-versions', noncurrentVersionExpiration: Duration.days(30) },
        // Raw received mail (the e-mail channel): kept a year for "show original" and retries.
        { id: 'expire-raw-mail', prefix: 'mail/', expiration: Duration.days(365) },
      ],
    });
    if (props.inboundMail) {
      // SES receiving stores each message under mail/ (SSE-S3 by the bucket default); only SES of this account.
      this.attachments.addToResourcePolicy(
        new PolicyStatement({
          sid: 'SesStoresReceivedMail',
          effect: Effect.ALLOW,
          principals: [new ServicePrincipal('ses.amazonaws.com')],
          actions: ['s3:PutObject'],
          resources: [this.attachments.arnForObjects('mail/*')],
          conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
        }),
      );
    }

    // Object Created events go to EventBridge, where the verification (stateless stack) picks
    // them up. Set on the bucket resource itself: the L2 flag adds a notifications custom
    // resource (a Lambda function with a managed policy) for what CloudFormation does natively.
    (this.attachments.node.defaultChild as CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };

    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The help desk table' });
    this.attachmentsBucketExport = `${this.stackName}-AttachmentsBucketName`;
    new CfnOutput(this, 'AttachmentsBucketName', {
      value: this.attachments.bucketName,
      description: 'Attachments (retained)',
      exportName: this.attachmentsBucketExport,
    });
  }
}
