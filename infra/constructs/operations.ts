import { Duration, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  SingleValueWidget,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { businessMetrics } from '#tickets/event-metrics.js';
import { pascal } from './functions.js';
import type { HelpdeskFunction } from './helpdesk-function.js';

/**
 * The business metrics the dashboard charts: CloudWatch embedded-metric-format lines in the
 * `Helpdesk` namespace (e.g. Powertools Metrics), any dimensions. A metric nobody emits yet
 * simply shows an empty graph.
 */

export interface OperationsProps {
  alarmEmail: string;
  api: HttpApi;
  deadLetterQueue: IQueue;
  /** Each stream consumer's dead-letter queue, by consumer name. */
  streamDeadLetters: ReadonlyMap<string, IQueue>;
  scheduleGroupName: string;
  /** Function construct id → function. */
  functions: ReadonlyMap<string, HelpdeskFunction>;
}

const fiveMinutes = Duration.minutes(5);

/** Sums one metric over all its dimension combinations, for metrics the app emits itself. */
const searchSum = (namespace: string, metricName: string): MathExpression =>
  new MathExpression({
    expression: `SUM(SEARCH('{${namespace}} MetricName="${metricName}"', 'Sum', 300))`,
    label: metricName,
    period: fiveMinutes,
    usingMetrics: {},
  });

const schedulerMetric = (metricName: string, scheduleGroup: string): Metric =>
  new Metric({
    namespace: 'AWS/Scheduler',
    metricName,
    dimensionsMap: { ScheduleGroup: scheduleGroup },
    statistic: 'Sum',
    period: fiveMinutes,
  });

/**
 * What operators watch: one SNS topic (e-mail), alarms on undeliverable SLA checks, API 5xx,
 * errors of every function and throttles of any, and one dashboard with those and the ticket
 * and SLA activity.
 */
export class Operations extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Alarms', { displayName: 'Help desk alarms', enforceSSL: true });
    this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry alarm names and metric values only, no ticket data. CloudWatch cannot ' +
        'publish to a topic encrypted with the AWS-managed SNS key, and a customer key adds a monthly fee.',
    });
    const action = new SnsAction(this.topic);
    const alarm = (alarmId: string, metric: IMetric, description: string) => {
      const created = new Alarm(this, alarmId, {
        metric,
        alarmDescription: description,
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      this.alarms.push(created);
      return created;
    };

    const dlqDepth = props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      period: Duration.minutes(1),
      statistic: 'Maximum',
    });
    alarm(
      'SlaDeadLetters',
      dlqDepth,
      'SLA checks EventBridge Scheduler could not deliver are waiting in the dead-letter queue: ' +
        'a reminder, escalation, re-queue or auto-close did not happen. See docs/deploy.md (operations).',
    );
    const streamDepths = [...props.streamDeadLetters].map(([name, queue]) => {
      const depth = queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      });
      alarm(
        `Stream${pascal(name)}DeadLetters`,
        depth,
        `The ${name} stream consumer gave up on changes after its retries: they wait in its dead-letter ` +
          'queue (positions in the table stream, 24 h). See docs/change-events.md.',
      );
      return depth.with({ label: name });
    });
    const api5xx = props.api.metricServerError({ period: fiveMinutes, statistic: 'Sum' });
    alarm('Api5xx', api5xx, 'The help desk API answered with a 5xx: see the function logs by request id.');

    for (const [name, helpdeskFunction] of props.functions) {
      const fn = helpdeskFunction.function;
      alarm(
        `${name}Errors`,
        fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
        `Function ${name} failed (unhandled error or timeout).`,
      );
    }
    // Throttling is the account's concurrency running out, whichever function meets it first:
    // one alarm on the account-wide metric (Lambda's Throttles without dimensions), which keeps
    // the stack two resources per function smaller than an alarm each (CloudFormation caps a
    // stack at 500); the dashboard still charts them per function.
    alarm(
      'FunctionThrottles',
      new Metric({ namespace: 'AWS/Lambda', metricName: 'Throttles', statistic: 'Sum', period: fiveMinutes }),
      'A function was throttled: the account concurrency ran out (see the throttles graph on the dashboard).',
    );

    const functions = [...props.functions.entries()];
    const perFunction = (pick: (fn: HelpdeskFunction) => Metric) =>
      functions.map(([name, fn]) => pick(fn).with({ label: name, period: fiveMinutes }));

    this.dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.hours(24) });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          '# Help desk\nAPI, functions, SLA timers and ticket activity. Alarms go to the operators topic.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'API requests and errors',
        left: [
          props.api.metricCount({ period: fiveMinutes, statistic: 'Sum', label: 'requests' }),
          props.api.metricClientError({ period: fiveMinutes, statistic: 'Sum', label: '4xx' }),
          api5xx.with({ label: '5xx' }),
        ],
        width: 12,
      }),
      new GraphWidget({
        title: 'API latency (ms)',
        left: ['p50', 'p90', 'p99'].map((statistic) =>
          props.api.metricLatency({ period: fiveMinutes, statistic, label: statistic }),
        ),
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Function errors',
        left: perFunction((fn) => fn.function.metricErrors({ statistic: 'Sum' })),
        stacked: true,
        width: 8,
      }),
      new GraphWidget({
        title: 'Function throttles',
        left: perFunction((fn) => fn.function.metricThrottles({ statistic: 'Sum' })),
        stacked: true,
        width: 8,
      }),
      new GraphWidget({
        title: 'Function duration p90 (ms)',
        left: perFunction((fn) => fn.function.metricDuration({ statistic: 'p90' })),
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'SLA timers (EventBridge Scheduler)',
        left: [
          'InvocationAttemptCount',
          'TargetErrorCount',
          'InvocationThrottleCount',
          'InvocationDroppedCount',
          'InvocationsSentToDeadLetterCount',
        ].map((metricName) => schedulerMetric(metricName, props.scheduleGroupName)),
        width: 12,
      }),
      new SingleValueWidget({
        title: 'SLA checks in the dead-letter queue',
        metrics: [dlqDepth],
        width: 6,
      }),
      new GraphWidget({
        title: 'SLA activity',
        left: businessMetrics.sla.map((metricName) => searchSum(businessMetrics.namespace, metricName)),
        width: 6,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Tickets',
        left: businessMetrics.tickets.map((metricName) => searchSum(businessMetrics.namespace, metricName)),
        width: 12,
      }),
      new GraphWidget({
        title: 'Deliveries and change-stream dead letters',
        left: businessMetrics.delivery.map((metricName) => searchSum(businessMetrics.namespace, metricName)),
        right: streamDepths,
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Mail (SES, account-wide)',
        left: ['Send', 'Delivery', 'Bounce', 'Complaint'].map(
          (metricName) =>
            new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Sum', period: fiveMinutes }),
        ),
        width: 12,
      }),
    );
  }
}
