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
 * SDK modules a Lambda function never loads: the credential providers the default chain tries
 * after the environment variables (SSO, shared ini files, processes, web identity, container
 * and instance metadata) and the STS/SSO clients they use. Lambda always sets the environment
 * credentials, so the chain stops there; these are dynamic `import()`s that stay unresolved in
 * the bundle and would load the runtime's own copy if ever reached.
 */
export const unusedInLambda = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@aws-sdk/credential-provider-login',
  '@aws-sdk/nested-clients',
  '@aws-sdk/token-providers',
  '@smithy/credential-provider-imds',
  // SigV4a, which the S3 client loads only for multi-region access points (never used here).
  '@aws-sdk/signature-v4-crt',
] as const;

/**
 * The esbuild options every handler is bundled with, locally (never Docker). Shared with
 * `bench/bundles.ts` so the benchmark measures exactly what is deployed (docs/performance.md).
 *
 * The AWS SDK v3 clients are bundled, tree-shaken from their ES module builds (`module` before
 * `main`) and minified: loading the runtime's external copy (hundreds of small CommonJS files)
 * was most of a cold start. CommonJS output: with everything in one file, ESM output measured
 * no faster (get-ticket 152 vs 122 ms of CPU, create-ticket 180 vs 175) and needs a
 * `createRequire` banner for the CommonJS dependencies. Source maps are written into each
 * asset, for decoding a stack trace, but not loaded at run time: `--enable-source-maps` parses
 * the whole map at every cold start (+15–30 ms of CPU measured).
 */
export const bundlingOptions = {
  format: OutputFormat.CJS,
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  externalModules: [...unusedInLambda],
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
      },
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions::AwsSolutions-L1',
      reason:
        'docs/architecture.md (Cloud) fixes Node.js 22 (the LTS the code and its tests target); moving on is a deliberate change.',
    });
  }
}
