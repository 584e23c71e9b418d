import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Policy, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { ExplicitActionsRole } from './explicit-actions-role.js';
import { acknowledgeBucketObjectWildcards } from './nag.js';

/** The portal's runtime configuration, read by the SPA from `/config.json` (portal/src/auth/config.ts). */
export interface PortalRuntimeConfig {
  auth: 'cognito';
  region: string;
  userPoolId: string;
  clientId: string;
  /** The Hosted UI base URL. */
  domain: string;
  apiBase: string;
}

export interface PortalHostingProps {
  /** Where the API is served from: CloudFront forwards `/api/*` there. */
  apiDomain: string;
  /** An AWS WAF web ACL (CLOUDFRONT scope, us-east-1) in front of everything, the API included. */
  webAclArn?: string;
  /** The built portal (`portal/dist`); a missing folder deploys only the runtime config. */
  distDir: string;
  logRetention: RetentionDays;
  /** Optional custom domain with its ACM certificate (us-east-1). */
  customDomain?: { domainName: string; certificateArn: string };
}

/**
 * Rewrites extension-less paths (client-side routes such as `/tickets/42` or
 * `/auth/callback`) to the SPA's index.html. Done per request on the site behaviour, not
 * with distribution-wide error responses, which would also turn API 404s into index.html.
 */
const spaRewrite = `function handler(event) {
  var request = event.request;
  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * The portal: a private S3 bucket behind CloudFront (origin access control), with `/api/*`
 * routed to the HTTP API so the portal and the API share one origin (no CORS for the
 * portal), security headers on every response, and `/config.json` telling the SPA where
 * Cognito is.
 */
export class PortalHosting extends Construct {
  readonly bucket: Bucket;
  readonly logs: Bucket;
  readonly distribution: Distribution;
  /** `https://<domain>` of the portal (custom domain if configured, else CloudFront's). */
  readonly url: string;
  private readonly props: PortalHostingProps;

  constructor(scope: Construct, id: string, props: PortalHostingProps) {
    super(scope, id);
    this.props = props;

    this.logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
    });
    Validations.of(this.logs).acknowledge({
      id: 'AwsSolutions::AwsSolutions-S1',
      reason: 'This bucket is the access log destination itself; logging it would recurse.',
    });

    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'site/',
      // Rebuilt from source on every deploy; retained only because CloudFormation cannot
      // delete a bucket that still holds files.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const stack = Stack.of(this);
    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Help desk portal security headers',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        xssProtection: { protection: false, override: true },
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            // The token exchange of the Hosted UI sign-in is a fetch from the portal.
            `connect-src 'self' https://*.auth.${stack.region}.amazoncognito.com https://cognito-idp.${stack.region}.amazonaws.com`,
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            'upgrade-insecure-requests',
          ].join('; '),
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()', override: true },
        ],
      },
    });

    // API responses are per caller: the Authorization header is part of the cache key (so
    // CloudFront forwards it on GET too) and nothing is kept longer than the origin allows.
    const apiCachePolicy = new CachePolicy(this, 'ApiCache', {
      comment: 'Help desk API: per-caller, effectively uncached',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
      headerBehavior: CacheHeaderBehavior.allowList('Authorization'),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    const rewrite = new EdgeFunction(this, 'SpaRewrite', {
      code: FunctionCode.fromInline(spaRewrite),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serve index.html for client-side routes',
    });

    this.distribution = new Distribution(this, 'Cdn', {
      comment: 'Help desk portal and API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'cloudfront/',
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      ...(props.customDomain
        ? {
            domainNames: [props.customDomain.domainName],
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            certificate: Certificate.fromCertificateArn(
              this,
              'Certificate',
              props.customDomain.certificateArn,
            ),
          }
        : {}),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
        functionAssociations: [{ function: rewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(props.apiDomain, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: apiCachePolicy,
          // API Gateway routes by its own host name: forward everything but Host.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
          compress: true,
        },
      },
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-CFR1',
        reason: 'The help desk serves clients wherever they are; no country is blocked by default.',
      },
      ...(props.webAclArn
        ? []
        : [
            {
              id: 'AwsSolutions::AwsSolutions-CFR2',
              reason:
                'AWS WAF costs a fixed monthly fee per web ACL and rule, so it is the operator option wafRateLimit ' +
                '(docs/deploy.md); without it the stage and each changing route are throttled and every ' +
                'non-public route is authenticated.',
            },
          ]),
      ...(props.customDomain
        ? []
        : [
            {
              id: 'AwsSolutions::AwsSolutions-CFR4',
              reason:
                'Without a custom domain the distribution uses the *.cloudfront.net certificate, whose viewer ' +
                'TLS policy CloudFront fixes; with portalDomain/portalCertificateArn it is TLSv1.2_2021.',
            },
          ]),
    );

    this.url = `https://${props.customDomain?.domainName ?? this.distribution.distributionDomainName}`;
  }

  /**
   * Uploads the built portal and writes `/config.json`. Hashed assets are cached for a year;
   * index.html and config.json are revalidated on every load so a deploy shows at once.
   */
  deployContent(config: PortalRuntimeConfig): void {
    const { distDir } = this.props;
    const role = new ExplicitActionsRole(this, 'DeployRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the portal build and its runtime config into the site bucket',
    });
    const logGroup = new LogGroup(this, 'DeployLogs', {
      retention: this.props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    logGroup.grantWrite(role);
    const common = { destinationBucket: this.bucket, role, logGroup, memoryLimit: 512, prune: false };

    const sources = [Source.jsonData('config.json', config)];
    const indexFile = join(distDir, 'index.html');
    if (existsSync(indexFile)) {
      const assets = new BucketDeployment(this, 'Assets', {
        ...common,
        sources: [Source.asset(distDir, { exclude: ['index.html', 'config.json'] })],
        cacheControl: [
          CacheControl.setPublic(),
          CacheControl.maxAge(Duration.days(365)),
          CacheControl.immutable(),
        ],
      });
      sources.push(Source.data('index.html', readFileSync(indexFile, 'utf8')));
      const entry = new BucketDeployment(this, 'Entry', {
        ...common,
        sources,
        cacheControl: [CacheControl.noCache()],
      });
      entry.node.addDependency(assets);
    } else {
      Annotations.of(this).addWarningV2(
        'helpdesk:portal-not-built',
        `${distDir} does not exist: only /config.json is deployed. Build the portal before \`cdk deploy\`.`,
      );
      new BucketDeployment(this, 'Entry', { ...common, sources, cacheControl: [CacheControl.noCache()] });
    }
    const policy = role.node.tryFindChild('DefaultPolicy');
    if (policy instanceof Policy) {
      acknowledgeBucketObjectWildcards(
        policy,
        'The deployment reads its source zips from the CDK assets bucket and writes the files of the portal ' +
          'into the site bucket; object names are only known at deploy time.',
      );
    }
    const singleton = Stack.of(this).node.children.find((child) =>
      child.node.id.startsWith('Custom::CDKBucketDeployment'),
    );
    if (singleton) {
      Validations.of(singleton).acknowledge({
        id: 'AwsSolutions::AwsSolutions-L1',
        reason: 'The runtime of the BucketDeployment handler is chosen by aws-cdk-lib, which ships its code.',
      });
    }
  }
}
