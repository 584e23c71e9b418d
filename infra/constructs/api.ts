import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { API_PREFIX, type Route, routeName } from '#functions/http/routes.js';
import { permissions } from '#identity/permissions.js';

export interface ApiProps {
  /** Browser origins allowed cross-origin; the portal itself is same-origin through CloudFront. */
  corsOrigins: string[];
  throttleRate: number;
  throttleBurst: number;
  /** Stage throttling of each route that changes something (reads keep the stage default). */
  writeRouteThrottle: { rate: number; burst: number };
  logRetention: RetentionDays;
}

export interface ApiRoutesProps {
  routes: readonly Route[];
  /** The function serving each route module. */
  functions: ReadonlyMap<string, IFunction>;
  userPool: IUserPool;
  /** Token audiences: the portal (ID tokens) and the integrators (client-credentials access tokens). */
  clients: IUserPoolClient[];
}

/** The fields of one JSON access-log line (API Gateway `$context` variables). */
const accessLogFields = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  responseLength: '$context.responseLength',
  authorizerError: '$context.authorizer.error',
  integrationError: '$context.integrationErrorMessage',
  caller: '$context.authorizer.claims.sub',
};

/**
 * The HTTP API: every route of the route table under /api/v1, each served by its own
 * function, behind a Cognito JWT authorizer except the public ones (health, OpenAPI) —
 * which routes are public is read from the one permission table, not repeated here.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  private readonly writeRouteThrottle: ApiProps['writeRouteThrottle'];

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.writeRouteThrottle = props.writeRouteThrottle;
    this.httpApi = new HttpApi(this, 'Http', {
      description: 'Help desk API',
      createDefaultStage: false,
      ...(props.corsOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: props.corsOrigins,
              allowMethods: [
                CorsHttpMethod.GET,
                CorsHttpMethod.POST,
                CorsHttpMethod.PUT,
                CorsHttpMethod.PATCH,
                CorsHttpMethod.DELETE,
              ],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
              exposeHeaders: ['etag', 'location', 'idempotent-replayed'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = this.httpApi.addStage('Stage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttleRate, burstLimit: props.throttleBurst },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
    });
  }

  /** `https://<id>.execute-api.<region>.amazonaws.com`, the origin CloudFront forwards /api/* to. */
  get endpointDomain(): string {
    const stack = Stack.of(this);
    return `${this.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }

  addRoutes(props: ApiRoutesProps): void {
    const authorizer = new HttpUserPoolAuthorizer('Cognito', props.userPool, {
      userPoolClients: props.clients,
      identitySource: ['$request.header.Authorization'],
    });
    // A JSON map in CloudFormation: its keys are written as CloudFormation spells them.
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of props.routes) {
      const fn = props.functions.get(routeName(route));
      if (!fn)
        throw new Error(`No function for route ${route.method} ${route.path} (module ${route.module})`);
      const isPublic = permissions[route.action].public;
      // The route, its integration and the invoke permission live beside the function (in
      // its capability's nested stack); the authorizer stays with the API.
      const created = new HttpRoute(Stack.of(fn), `${route.method}${API_PREFIX}${route.path}`, {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(`${API_PREFIX}${route.path}`, HttpMethod[route.method]),
        integration: new HttpLambdaIntegration(`${routeName(route)}-integration`, fn),
        authorizer: isPublic ? new HttpNoneAuthorizer() : authorizer,
      });
      if (!route.readOnly) {
        routeSettings[`${route.method} ${API_PREFIX}${route.path}`] = {
          ThrottlingRateLimit: this.writeRouteThrottle.rate,
          ThrottlingBurstLimit: this.writeRouteThrottle.burst,
        };
        // Route settings name routes by key: the stage is updated after they exist.
        this.stage.node.addDependency(created);
      }
      if (isPublic) {
        Validations.of(created).acknowledge({
          id: 'AwsSolutions::AwsSolutions-APIG4',
          reason: `${route.method} ${API_PREFIX}${route.path} is public by the permission table (${route.action}).`,
        });
      }
    }
    (this.stage.node.defaultChild as CfnStage).routeSettings = routeSettings;
  }
}
