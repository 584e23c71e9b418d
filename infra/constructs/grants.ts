import { Effect, type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { tableDefinition } from '#platform/table/index.js';
import { acknowledgeWildcardResource } from './nag.js';

/**
 * The only ways a function gains a permission. Each grant names its actions one by one
 * (never `service:*`) and its resources exactly; CDK's `grantReadData`-style helpers are
 * not used because they bundle actions the product never needs (Scan, DescribeTable, …).
 */

/**
 * `updateItems`: sets attributes of items and reads nothing (the Cognito profile sync, which
 * updates the profile fields of the user's item and leaves skills and capacity as they are).
 */
export type TableAccess = 'read' | 'readWrite' | 'updateItems';

/** Request paths query keys and GSIs only: no Scan, even for readers (docs/architecture.md (Data)). */
export const tableReadActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;
/** Writes are single items or TransactWriteItems (authorized per item action). */
export const tableWriteActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

export const grantTable = (grantee: IGrantable, tableArn: string, access: TableAccess): void => {
  if (access === 'updateItems') {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'UpdateItems',
        effect: Effect.ALLOW,
        actions: ['dynamodb:UpdateItem'],
        resources: [tableArn],
      }),
    );
    return;
  }
  const indexArns = tableDefinition.globalSecondaryIndexes.map(
    (index) => `${tableArn}/index/${index.indexName}`,
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'ReadTheTable',
      effect: Effect.ALLOW,
      actions: [...tableReadActions],
      resources: [tableArn, ...indexArns],
    }),
  );
  if (access === 'readWrite') {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'WriteTheTable',
        effect: Effect.ALLOW,
        actions: [...tableWriteActions],
        resources: [tableArn],
      }),
    );
  }
};

export interface MailResources {
  /** ARN(s) of the SES identity mail is sent from. */
  identityArns: string[];
  /** ARN of the configuration set every mail is sent with. */
  configurationSetArn: string;
}

/** SES evaluates both the identity and the configuration set of a send. */
export const grantSendMail = (grantee: IGrantable, mail: MailResources): void => {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'SendMailFromTheHelpdeskIdentity',
      effect: Effect.ALLOW,
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [...mail.identityArns, mail.configurationSetArn],
    }),
  );
};

export interface SchedulingResources {
  /** ARN pattern of the schedules in the SLA schedule group (`…:schedule/<group>/*`). */
  schedulesArn: string;
  /** The role EventBridge Scheduler assumes to invoke the SLA functions. */
  schedulerRoleArn: string;
}

/** Arming and disarming SLA timers: create/delete schedules in the group, hand over the scheduler role. */
export const grantScheduling = (grantee: IGrantable & IConstruct, scheduling: SchedulingResources): void => {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'ArmSlaTimers',
      effect: Effect.ALLOW,
      actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
      resources: [scheduling.schedulesArn],
    }),
  );
  acknowledgeWildcardResource(
    grantee,
    scheduling.schedulesArn,
    'Schedule names are made per ticket at run time; the grant is limited to the schedules of the SLA group.',
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'PassTheSchedulerRole',
      effect: Effect.ALLOW,
      actions: ['iam:PassRole'],
      resources: [scheduling.schedulerRoleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    }),
  );
};

/** What Lambda's event source mapping needs of the table's stream, on that stream only. */
export const grantStreamRead = (grantee: IGrantable & IConstruct, streamArn: string): void => {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'ReadTheChangeStream',
      effect: Effect.ALLOW,
      actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      resources: [streamArn],
    }),
  );
  // ListStreams takes no resource: it is allowed on * only.
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      sid: 'ListStreams',
      effect: Effect.ALLOW,
      actions: ['dynamodb:ListStreams'],
      resources: ['*'],
    }),
  );
  acknowledgeWildcardResource(
    grantee,
    '*',
    'dynamodb:ListStreams has no resource type (Service Authorization Reference); every other stream action names the stream.',
  );
};
