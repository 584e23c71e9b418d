import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { envNames } from '#platform/config.js';
import type { SlaCheckKind } from '#sla/payload.js';
import type { SchedulingResources } from './grants.js';

export interface SlaTimersProps {
  /**
   * The fixed name of the SLA function of each kind. The engine needs the target ARNs in
   * the environment of every function that arms a timer, the SLA functions included (an
   * escalation re-arms the next check), so the ARNs are built from names, not from the
   * functions: referencing a function's own ARN in its environment would be a cycle.
   */
  targetFunctionNames: Partial<Record<SlaCheckKind, string>>;
}

/**
 * The SLA timer infrastructure (docs/architecture.md (SLA clocks)): one schedule group for the one-shot `at()`
 * schedules, the role EventBridge Scheduler assumes to invoke the SLA functions (and only
 * them), and the encrypted, SSL-only dead-letter queue for checks that could not be delivered.
 */
export class SlaTimers extends Construct {
  readonly group: ScheduleGroup;
  readonly deadLetterQueue: Queue;
  readonly schedulerRole: Role;
  readonly scheduling: SchedulingResources;
  readonly environment: Record<string, string>;

  constructor(scope: Construct, id: string, props: SlaTimersProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // A name of our own (not generated), so the schedules ARN in every grant is readable.
    this.group = new ScheduleGroup(this, 'Group', {
      scheduleGroupName: `${stack.stackName}-sla`,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason:
        'This queue is the dead-letter queue of the SLA schedules (EventBridge Scheduler), not a work queue.',
    });

    this.schedulerRole = new Role(this, 'SchedulerRole', {
      description: 'Assumed by EventBridge Scheduler to deliver SLA checks to the SLA functions',
      // Confused-deputy guard: only schedules of this account's SLA group may use the role.
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnEquals: { 'aws:SourceArn': this.group.scheduleGroupArn },
        },
      }),
    });
    this.schedulerRole.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'DeadLetterUndeliveredChecks',
        effect: Effect.ALLOW,
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetterQueue.queueArn],
      }),
    );

    const targetArns = Object.fromEntries(
      Object.entries(props.targetFunctionNames).map(([kind, functionName]) => [
        kind,
        stack.formatArn({
          service: 'lambda',
          resource: 'function',
          resourceName: functionName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ]),
    );

    this.scheduling = {
      schedulesArn: stack.formatArn({
        service: 'scheduler',
        resource: 'schedule',
        resourceName: `${this.group.scheduleGroupName}/*`,
      }),
      schedulerRoleArn: this.schedulerRole.roleArn,
    };
    this.environment = {
      [envNames.scheduleGroup]: this.group.scheduleGroupName,
      [envNames.schedulerRoleArn]: this.schedulerRole.roleArn,
      [envNames.slaTargetArns]: stack.toJsonString(targetArns),
      [envNames.slaDeadLetterArn]: this.deadLetterQueue.queueArn,
      [envNames.schedulerMode]: 'eventbridge',
    };
  }

  /** The scheduler role may invoke exactly these functions, nothing else. */
  allowInvoking(functions: readonly IFunction[]): void {
    if (functions.length === 0) return;
    this.schedulerRole.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'InvokeSlaFunctions',
        effect: Effect.ALLOW,
        actions: ['lambda:InvokeFunction'],
        resources: functions.map((fn) => fn.functionArn),
      }),
    );
  }
}
