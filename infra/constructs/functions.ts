import { join } from 'node:path';
import { Duration, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type Route, routeName, routes } from '#functions/http/routes.js';
import { DEFAULT_BATCH_SIZE, streamConsumers, streamRetry } from '#functions/stream/consumers.js';
import { cloudVariablesOf, type FunctionFamily, familySettings } from '#functions/wiring/settings.js';
import { envNames } from '#platform/config.js';
import { type SlaCheckKind, slaCheckKinds, slaFunctionModules } from '#sla/payload.js';
import {
  grantScheduling,
  grantSendMail,
  grantStreamRead,
  grantTable,
  type MailResources,
  type SchedulingResources,
} from './grants.js';
import { HelpdeskFunction } from './helpdesk-function.js';

/** The repository root: handler entries are resolved from here. */
export const projectRoot = join(import.meta.dirname, '..', '..');

/** A route's handler file: `route.module` names it from the repository root. */
export const apiEntry = (module: string) => join(projectRoot, `${module}.ts`);
export const slaEntry = (module: string) => join(projectRoot, 'functions', 'sla', `${module}.ts`);
/** The Cognito pre-token-generation trigger that keeps the user directory in step. */
export const profileSyncEntry = join(projectRoot, 'functions', 'identity', 'sync-profile.ts');

/** The capability a route module belongs to: `functions/<capability>/<name>`. */
export const capabilityOf = (route: Route): string => {
  const capability = route.module.split('/')[1];
  if (!capability) throw new Error(`Route module ${route.module} is not under functions/<capability>/`);
  return capability;
};

/** The routes the cloud serves: all but the local-only ones (Cognito issues tokens there). */
export const cloudRoutes = (): Route[] => routes.filter((route) => !route.localOnly);

/** Fixed names, so the target ARNs can be written into environments without a cycle. */
export const slaFunctionName = (stackName: string, kind: SlaCheckKind) => `${stackName}-sla-${kind}`;

export const pascal = (name: string) =>
  name
    .split(/[^a-zA-Z0-9]/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');

export interface FunctionsProps {
  tableName: string;
  tableArn: string;
  /** The table's change stream (NEW_AND_OLD_IMAGES), which the stream consumers read. */
  tableStreamArn: string;
  logRetention: RetentionDays;
  logLevel: string;
  /**
   * The configuration values of the deployment (names and ARNs, never a permission); each
   * function gets exactly the variables of its family (functions/wiring/settings.ts).
   */
  environment: Record<string, string>;
  /** See Settings.cursorSecretGeneration. */
  cursorSecretGeneration: number;
  mail: MailResources;
  scheduling: SchedulingResources;
}

/**
 * One function per handler module: per API route module (`functions/<capability>/<name>.ts`) and
 * per SLA check kind (`functions/sla/<module>.ts`). Each gets the variables its family's
 * wiring reads at cold start and no others (the cursor secret only where pages are signed);
 * permissions differ: a read-only route reads the table and nothing else, a route that
 * changes tickets may also write and arm SLA timers; the SLA functions may also send mail.
 */
export class Functions extends Construct {
  /** By route name (`routeName`). */
  readonly api = new Map<string, HelpdeskFunction>();
  /**
   * One nested stack per capability for its route functions (and, see `Api.addRoutes`, their
   * API routes, integrations and invoke permissions): about nine resources a route, so one
   * stack would pass CloudFormation's 500 resources per template (docs/infra.md).
   */
  readonly routeStacks = new Map<string, NestedStack>();
  /** By SLA check kind. */
  readonly sla = new Map<SlaCheckKind, HelpdeskFunction>();
  /** By stream consumer name (functions/stream/consumers.ts). */
  readonly stream = new Map<string, HelpdeskFunction>();
  /** Each stream consumer's on-failure destination: records it gave up on, by consumer name. */
  readonly streamDeadLetters = new Map<string, Queue>();
  /** Cognito's pre-token-generation trigger (syncs each signed-in user into the table). */
  readonly profileSync: HelpdeskFunction;
  /** Rebuilds the report aggregates, invoked by hand (docs/reports.md). */
  readonly reportsRebuild: HelpdeskFunction;
  readonly cursorSecret: Secret;

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // Page cursors are HMAC-signed (shared/platform/cursor.ts). The key is generated
    // by Secrets Manager and resolved by CloudFormation at deploy time (a dynamic reference:
    // the value never appears in the template or the cloud assembly).
    this.cursorSecret = new Secret(this, 'CursorSecret', {
      description: 'HMAC key that signs the opaque page cursors of the help desk API',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.cursorSecret).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SMG4',
      reason:
        'The cursor key only makes page cursors tamper-evident (authorization is re-checked on every request). ' +
        'It is read into the function environment at deploy time, so an automatic rotation would not reach ' +
        'the functions; operators rotate it with put-secret-value and -c cursorSecretGeneration (docs/deploy.md).',
    });

    const values: Record<string, string> = {
      ...props.environment,
      [envNames.tableName]: props.tableName,
      [envNames.cursorSecret]: this.cursorSecret.secretValue.unsafeUnwrap(),
    };
    const environmentOf = (family: FunctionFamily): Record<string, string> => {
      const { required, optional } = cloudVariablesOf(family);
      const missing = required.filter((name) => values[name] === undefined);
      if (missing.length)
        throw new Error(`No value for ${missing.join(', ')} (needed by the ${family} functions)`);
      const environment = Object.fromEntries(
        [...required, ...optional].flatMap((name) =>
          values[name] === undefined ? [] : [[name, values[name]]],
        ),
      );
      // Not read by the code: changing it makes CloudFormation resolve the secret again.
      if (envNames.cursorSecret in environment) {
        environment.CURSOR_SECRET_GENERATION = String(props.cursorSecretGeneration);
      }
      return environment;
    };

    const seen = new Set<string>();
    for (const route of cloudRoutes()) {
      const name = routeName(route);
      if (seen.has(name)) continue;
      seen.add(name);
      const fn = new HelpdeskFunction(this.routeStackOf(capabilityOf(route)), pascal(name), {
        entry: apiEntry(route.module),
        serviceName: 'helpdesk-api',
        description: `help desk API: ${route.method} /api/v1${route.path}`,
        logRetention: props.logRetention,
        logLevel: props.logLevel,
        environment: environmentOf(route.family),
      });
      if (route.readOnly) {
        grantTable(fn.role, props.tableArn, 'read');
      } else if (route.family === 'api-mail-retry') {
        // It reads the kept mail; the inbound-mail function it invokes writes (../stacks/stateless-stack.ts).
        grantTable(fn.role, props.tableArn, 'read');
      } else if (route.family === 'attachments') {
        // Upload slots write attachment items and arm no timer; their S3 grants: ./attachments.ts.
        grantTable(fn.role, props.tableArn, 'readWrite');
      } else {
        // No mail: what a change causes is mailed by the `mail` stream consumer.
        grantTable(fn.role, props.tableArn, 'readWrite');
        grantScheduling(fn.role, props.scheduling);
      }
      this.api.set(name, fn);
    }

    for (const kind of slaCheckKinds) {
      const fn = new HelpdeskFunction(this, `Sla${pascal(kind)}`, {
        entry: slaEntry(slaFunctionModules[kind]),
        functionName: slaFunctionName(stack.stackName, kind),
        serviceName: 'helpdesk-sla',
        description: `help desk SLA check: ${kind}`,
        logRetention: props.logRetention,
        logLevel: props.logLevel,
        timeout: Duration.seconds(60),
        environment: environmentOf('sla-timer'),
      });
      // No mail: a check records its notices, the sla-notices stream consumer sends them.
      grantTable(fn.role, props.tableArn, 'readWrite');
      grantScheduling(fn.role, props.scheduling);
      this.sla.set(kind, fn);
    }

    // One function per stream consumer, fed by an event source mapping on the table's stream
    // with the consumer's filters (records it does not want never invoke it), partial batch
    // responses, bisect on error, bounded retries, and an SQS queue for what it gave up on.
    for (const consumer of streamConsumers) {
      const id = `Stream${pascal(consumer.name)}`;
      const settings = familySettings[consumer.family] as Record<string, unknown>;
      const fn = new HelpdeskFunction(this, id, {
        entry: apiEntry(consumer.module),
        serviceName: 'helpdesk-stream',
        description: `help desk change stream: ${consumer.description}`,
        logRetention: props.logRetention,
        logLevel: props.logLevel,
        timeout: Duration.seconds(60),
        environment: environmentOf(consumer.family),
      });
      if ('table' in settings) grantTable(fn.role, props.tableArn, consumer.writes ? 'readWrite' : 'read');
      if ('mail' in settings) grantSendMail(fn.role, props.mail);
      if ('scheduler' in settings) grantScheduling(fn.role, props.scheduling);
      grantStreamRead(fn.role, props.tableStreamArn);
      const deadLetters = new Queue(this, `${id}DeadLetters`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(deadLetters).acknowledge({
        id: 'AwsSolutions::AwsSolutions-SQS3',
        reason: `This queue is the on-failure destination of the ${consumer.name} stream consumer, not a work queue.`,
      });
      fn.function.addEventSourceMapping('ChangeStream', {
        eventSourceArn: props.tableStreamArn,
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: consumer.batchSize ?? DEFAULT_BATCH_SIZE,
        bisectBatchOnError: streamRetry.bisectBatchOnError,
        retryAttempts: streamRetry.maximumRetryAttempts,
        maxRecordAge: Duration.seconds(streamRetry.maximumRecordAgeSeconds),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(deadLetters),
        filters: consumer.filters.map((pattern) => FilterCriteria.filter(pattern)),
      });
      this.stream.set(consumer.name, fn);
      this.streamDeadLetters.set(consumer.name, deadLetters);
    }

    // Cognito waits at most 5 s for a trigger; it needs the table name and nothing else, and
    // only writes the user's own profile item.
    this.profileSync = new HelpdeskFunction(this, 'ProfileSync', {
      entry: profileSyncEntry,
      serviceName: 'helpdesk-identity',
      description: "help desk: copy the signed-in user's profile into the user directory",
      logRetention: props.logRetention,
      logLevel: props.logLevel,
      timeout: Duration.seconds(5),
      environment: environmentOf('identity-trigger'),
    });
    grantTable(this.profileSync.role, props.tableArn, 'updateItems');

    // The rebuild of the report aggregates (docs/reports.md): invoked by hand for a back-fill or
    // after a definition changed; reads every ticket, deletes and rewrites the report items.
    this.reportsRebuild = new HelpdeskFunction(this, 'ReportsRebuild', {
      entry: apiEntry('functions/reports/rebuild'),
      serviceName: 'helpdesk-reports',
      description:
        'help desk reports: rebuild the aggregates from the tickets and their history (invoke by hand)',
      logRetention: props.logRetention,
      logLevel: props.logLevel,
      timeout: Duration.minutes(15),
      environment: environmentOf('reports'),
    });
    grantTable(this.reportsRebuild.role, props.tableArn, 'readWrite');
  }

  private routeStackOf(capability: string): NestedStack {
    let stack = this.routeStacks.get(capability);
    if (!stack) {
      stack = new NestedStack(this, `Routes${pascal(capability)}`, {
        description: `Help desk: the ${capability} routes and their functions`,
      });
      this.routeStacks.set(capability, stack);
    }
    return stack;
  }

  get all(): HelpdeskFunction[] {
    return [...this.api.values(), ...this.sla.values(), ...this.stream.values(), this.profileSync];
  }

  /** Every function by its construct id (e.g. `CreateTicket`, `SlaEscalation`, `ProfileSync`). */
  get byName(): Map<string, HelpdeskFunction> {
    return new Map(this.all.map((fn) => [fn.node.id, fn]));
  }
}
