import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Node.js 22 on arm64 for every application function (docs/architecture.md (Cloud)). */
export const functionRuntime = Runtime.NODEJS_22_X;
export const functionArchitecture = Architecture.ARM_64;

/**
 * The esbuild options every handler is bundled with, locally (never Docker). Shared with
 * `bench/bundles.ts` so the benchmark measures exactly what is deployed.
 *
 * CommonJS output, on purpose: the runtime's AWS SDK packages are CommonJS, and loading them
 * from an ES module goes through the CJS export lexer, which made a cold import ~60 % slower
 * (measured: ~170 ms ESM vs ~105 ms CJS for get-ticket). The sources stay ESM; esbuild still
 * tree-shakes them.
 */
export const bundlingOptions = {
  format: OutputFormat.CJS,
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  // The Lambda runtime ships the AWS SDK v3; bundling it would only grow the zip.
  externalModules: ['@aws-sdk/*'],
  forceDockerBundling: false,
} satisfies BundlingOptions;

export interface HelpdeskFunctionProps {
  /** Absolute path of the handler module (exports `handler`). */
  entry: string;
  /** Powertools service name, e.g. `helpdesk-api`. */
  serviceName: string;
  description: string;
  logRetention: RetentionDays;
  logLevel: string;
  environment: Record<string, string>;
  /** A fixed name, for functions whose ARN must be known before they exist (SLA targets). */
  functionName?: string;
  memorySize?: number;
  timeout?: Duration;
}

/**
 * One handler module as a Lambda function, with its own log group (retention set) and its
 * own role that starts with nothing but the right to write to that log group. Every other
 * permission is added explicitly by the grants in `grants.ts`.
 */
export class HelpdeskFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: HelpdeskFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.description}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: functionRuntime,
      architecture: functionArchitecture,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      ...(props.functionName ? { functionName: props.functionName } : {}),
      bundling: bundlingOptions,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_LOG_LEVEL: props.logLevel,
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions::AwsSolutions-L1',
      reason:
        'docs/architecture.md (Cloud) fixes Node.js 22 (the LTS the code and its tests target); moving on is a deliberate change.',
    });
  }
}
