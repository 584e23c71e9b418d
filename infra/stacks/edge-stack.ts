import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EdgeProtection } from '../constructs/edge-protection.js';
import type { Settings } from '../settings.js';

export interface EdgeStackProps extends StackProps {
  settings: Settings;
}

/**
 * What CloudFront needs from us-east-1 whatever the app's region: the WAF web ACL. Created
 * only with `wafRateLimit=true`; its ARN reaches the stateless stack as a cross-region
 * reference (CDK writes it to SSM in us-east-1 and reads it from the app's region).
 */
export class EdgeStack extends Stack {
  readonly protection: EdgeProtection;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    this.protection = new EdgeProtection(this, 'Protection', {
      callerLimit: props.settings.wafCallerLimit,
      addressLimit: props.settings.wafAddressLimit,
    });
  }
}
