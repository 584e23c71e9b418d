import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { cloudVariablesOf } from '#functions/wiring/settings.js';
import { grantTable } from './grants.js';
import { HelpdeskFunction } from './helpdesk-function.js';

/** The sweep's handler module, from the repository root without extension. */
export const retrySweepModule = 'functions/webhooks/retry-deliveries';

export interface WebhookRetriesProps {
  /** The repository root (handler entries are resolved from it). */
  projectRoot: string;
  tableArn: string;
  logRetention: RetentionDays;
  logLevel: string;
  /** The deployment's configuration values; the function takes those of its family. */
  values: Record<string, string>;
}

/**
 * The webhook retry sweep (docs/webhooks.md): one function, invoked every minute by an
 * EventBridge rule, that attempts the deliveries whose next attempt is due. It reads and
 * writes the table (the due-time index, the delivery and hook items) and calls the receivers
 * over the internet; it sends no mail and arms no timer. Concurrent runs are safe: each
 * delivery is claimed with a conditional write before it is posted.
 */
export class WebhookRetries extends Construct {
  readonly sweep: HelpdeskFunction;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: WebhookRetriesProps) {
    super(scope, id);
    const { required, optional } = cloudVariablesOf('webhook-delivery');
    const missing = required.filter((name) => props.values[name] === undefined);
    if (missing.length) throw new Error(`No value for ${missing.join(', ')} (needed by the webhook retries)`);
    this.sweep = new HelpdeskFunction(this, 'Sweep', {
      entry: join(props.projectRoot, `${retrySweepModule}.ts`),
      serviceName: 'helpdesk-webhooks',
      description: 'help desk webhooks: retry the deliveries that are due',
      logRetention: props.logRetention,
      logLevel: props.logLevel,
      // At most 100 deliveries per run, 10 at a time, each answered or abandoned within 10 s.
      timeout: Duration.minutes(2),
      environment: Object.fromEntries(
        [...required, ...optional].flatMap((name) =>
          props.values[name] === undefined ? [] : [[name, props.values[name]]],
        ),
      ),
    });
    grantTable(this.sweep.role, props.tableArn, 'readWrite');
    this.rule = new Rule(this, 'EveryMinute', {
      description: 'Runs the webhook retry sweep',
      schedule: Schedule.rate(Duration.minutes(1)),
      // A missed run is made up by the next one a minute later.
      targets: [new LambdaFunction(this.sweep.function, { retryAttempts: 0 })],
    });
  }
}
