import { join } from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import { Effect, type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import { Lambda, LambdaInvocationType, S3 } from 'aws-cdk-lib/aws-ses-actions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { RAW_MAIL_KEY_PREFIX } from '#email/ses-receipt.js';
import { inboundReceiverEnvNames } from '#email/settings.js';
import { cloudVariablesOf } from '#functions/wiring/settings.js';
import { grantAttachmentObjects } from './attachments.js';
import {
  grantScheduling,
  grantSendMail,
  grantTable,
  type MailResources,
  type SchedulingResources,
} from './grants.js';
import { HelpdeskFunction } from './helpdesk-function.js';
import { acknowledgeWildcardResource } from './nag.js';

/**
 * What the inbound-mail handler may do with the bucket (docs/inbound-mail.md): read raw
 * messages under `mail/`, store a mail's files under `t/` (and remove one whose item could not
 * be written). Nothing else of the bucket, no listing.
 */
export const grantInboundMail = (
  fn: { role: IGrantable & IConstruct } | undefined,
  bucket: IBucket,
): void => {
  if (!fn) throw new Error('No inbound-mail function to grant');
  const rawMail = bucket.arnForObjects(`${RAW_MAIL_KEY_PREFIX}*`);
  fn.role.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'ReadRawMail',
      effect: Effect.ALLOW,
      actions: ['s3:GetObject'],
      resources: [rawMail],
    }),
  );
  acknowledgeWildcardResource(
    fn.role,
    rawMail,
    'Raw messages are keyed by SES message id under the mail/ prefix of the one bucket.',
  );
  grantAttachmentObjects(fn.role, bucket, 'StoreMailFiles', ['s3:PutObject', 's3:DeleteObject']);
};

export interface InboundMailProps {
  projectRoot: string;
  bucket: IBucket;
  tableArn: string;
  logRetention: RetentionDays;
  logLevel: string;
  /** The deployment's configuration values; the function takes those of the inbound-mail family. */
  values: Record<string, string>;
  mail: MailResources;
  scheduling: SchedulingResources;
  inboundAddress: string;
}

/**
 * SES receiving for the inbound address: a receipt rule set with one rule (that recipient, TLS
 * required, spam and virus scanning on) that stores the raw message under `mail/` in the
 * attachment bucket (SSE-S3; the bucket policy letting SES write there is in the stateful
 * stack) and then invokes the inbound-mail function asynchronously; a failed invocation is
 * retried twice by Lambda, then kept in a dead-letter queue (alarmed). The rule set must be made
 * the active one once (`aws ses set-active-receipt-rule-set`, docs/deploy.md).
 */
export class InboundMail extends Construct {
  readonly receive: HelpdeskFunction;
  readonly deadLetters: Queue;
  readonly ruleSet: ReceiptRuleSet;

  constructor(scope: Construct, id: string, props: InboundMailProps) {
    super(scope, id);
    const { required, optional } = cloudVariablesOf('inbound-mail');
    const missing = required.filter((name) => props.values[name] === undefined);
    if (missing.length) throw new Error(`No value for ${missing.join(', ')} (needed by inbound mail)`);
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
      reason: 'This queue is the dead-letter destination of the inbound-mail function, not a work queue.',
    });
    this.receive = new HelpdeskFunction(this, 'Receive', {
      entry: join(props.projectRoot, 'functions', 'email', 'receive-mail.ts'),
      serviceName: 'helpdesk-inbound-mail',
      description:
        'help desk inbound mail: a received mail becomes a ticket, a reply, a note or a dead letter',
      logRetention: props.logRetention,
      logLevel: props.logLevel,
      memorySize: 1024,
      timeout: Duration.seconds(60),
      environment,
    });
    grantTable(this.receive.role, props.tableArn, 'readWrite');
    grantScheduling(this.receive.role, props.scheduling);
    grantSendMail(this.receive.role, props.mail);
    grantInboundMail(this.receive, props.bucket);
    this.receive.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetters),
    });

    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet');
    this.ruleSet.addRule('SupportAddress', {
      recipients: [props.inboundAddress],
      scanEnabled: true,
      tlsPolicy: TlsPolicy.REQUIRE,
      actions: [
        new S3({ bucket: props.bucket, objectKeyPrefix: RAW_MAIL_KEY_PREFIX }),
        new Lambda({ function: this.receive.function, invocationType: LambdaInvocationType.EVENT }),
      ],
    });
  }

  /**
   * The kept-mail retry route invokes this function synchronously with the letter
   * (`RetryDeadLetterEvent`): it may invoke this one function, and does nothing of the mail itself.
   */
  allowRetriesFrom(route: HelpdeskFunction): void {
    route.role.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'RetryKeptMail',
        effect: Effect.ALLOW,
        actions: ['lambda:InvokeFunction'],
        resources: [this.receive.function.functionArn],
      }),
    );
    route.function.addEnvironment(
      inboundReceiverEnvNames.receiverFunction,
      this.receive.function.functionArn,
    );
  }
}
