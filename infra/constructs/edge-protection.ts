import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { API_PREFIX } from '#functions/http/routes.js';

export interface EdgeProtectionProps {
  /** Requests per minute one Authorization header may send to the API. */
  callerLimit: number;
  /** Requests per minute one client address may send to the API. */
  addressLimit: number;
}

/** WAF's evaluation window: the budgets are per minute, and a blocked caller retries after it. */
const windowSeconds = 60;

const apiOnly: CfnWebACL.StatementProperty = {
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'STARTS_WITH',
    searchString: `${API_PREFIX}/`,
    textTransformations: [{ priority: 0, type: 'NONE' }],
  },
};

const tooManyRequests = {
  type: 'https://helpdesk.example/problems/too-many-requests',
  title: 'Too many requests',
  status: 429,
  detail: `Too many requests from this caller: retry in ${windowSeconds} seconds`,
};

/**
 * AWS WAF in front of the API (a CloudFront web ACL, so it lives in us-east-1): per caller,
 * keyed by the Authorization header (each token, so one tenant's integration cannot use up
 * the stage-wide throttle of everybody), and per client address (anonymous floods, token
 * spraying). Counted at the edge: no table read on any route. Everything else is allowed.
 */
export class EdgeProtection extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeProtectionProps) {
    super(scope, id);
    const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    const block: CfnWebACL.RuleActionProperty = {
      block: {
        customResponse: {
          responseCode: 429,
          customResponseBodyKey: 'too-many-requests',
          responseHeaders: [{ name: 'retry-after', value: String(windowSeconds) }],
        },
      },
    };
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'Help desk: per-caller request budgets of the API',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('helpdesk-edge'),
      // WAF answers JSON at most (no application/problem+json); the body is a problem document.
      customResponseBodies: {
        'too-many-requests': { contentType: 'APPLICATION_JSON', content: JSON.stringify(tooManyRequests) },
      },
      rules: [
        {
          name: 'api-per-caller',
          priority: 0,
          action: block,
          visibilityConfig: visibility('helpdesk-api-per-caller'),
          statement: {
            rateBasedStatement: {
              // Requests without the header are not counted here, only by the address rule.
              aggregateKeyType: 'CUSTOM_KEYS',
              customKeys: [
                { header: { name: 'authorization', textTransformations: [{ priority: 0, type: 'NONE' }] } },
              ],
              evaluationWindowSec: windowSeconds,
              limit: props.callerLimit,
              scopeDownStatement: apiOnly,
            },
          },
        },
        {
          name: 'api-per-address',
          priority: 1,
          action: block,
          visibilityConfig: visibility('helpdesk-api-per-address'),
          statement: {
            rateBasedStatement: {
              aggregateKeyType: 'IP',
              evaluationWindowSec: windowSeconds,
              limit: props.addressLimit,
              scopeDownStatement: apiOnly,
            },
          },
        },
      ],
    });
  }

  get webAclArn(): string {
    return this.webAcl.attrArn;
  }
}
