import { type App, type Environment, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readSettings, type Settings } from './settings.js';
import { EdgeStack } from './stacks/edge-stack.js';
import { StatefulStack } from './stacks/stateful-stack.js';
import { StatelessStack } from './stacks/stateless-stack.js';

export interface Helpdesk {
  settings: Settings;
  stateful: StatefulStack;
  stateless: StatelessStack;
  /** The us-east-1 stack of the WAF web ACL, only with `wafRateLimit=true`. */
  edge: EdgeStack | undefined;
}

export interface HelpdeskOptions {
  /** Where the built portal is; defaults to `portal/dist`. */
  portalDistDir?: string;
}

/** cdk-nag's AwsSolutions pack as a synthesis-time validation: an unacknowledged finding fails the synth. */
export const checkWithCdkNag = (app: App): void => {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
};

/**
 * The whole product on an app: the stateful stack (retained data) and the stateless stack
 * (everything redeployable), checked by cdk-nag's AwsSolutions pack during synthesis, so a
 * finding that is not acknowledged in code (with its reason) stops `cdk synth`.
 */
export const buildHelpdesk = (app: App, options: HelpdeskOptions = {}): Helpdesk => {
  const settings = readSettings(app);
  // A cross-region reference (the web ACL's ARN) needs stacks with a known region: the app's
  // region from `-c region=…` or the CLI's profile (CDK_DEFAULT_REGION). Without WAF the
  // stacks stay environment-agnostic.
  let env: Environment | undefined;
  let edge: EdgeStack | undefined;
  if (settings.wafRateLimit) {
    const region = (app.node.tryGetContext('region') as string | undefined) ?? process.env.CDK_DEFAULT_REGION;
    if (!region) {
      throw new Error(
        'Context value "wafRateLimit" needs the deployment region: pass -c region=<region> or use a CLI profile with one',
      );
    }
    const account = process.env.CDK_DEFAULT_ACCOUNT;
    env = { region, ...(account ? { account } : {}) };
    edge = new EdgeStack(app, `${settings.stackPrefix}Edge`, {
      description: 'Help desk: AWS WAF rate limits of the API (CloudFront web ACL, us-east-1)',
      env: { ...env, region: 'us-east-1' },
      crossRegionReferences: true,
      settings,
    });
  }
  const stateful = new StatefulStack(app, `${settings.stackPrefix}Stateful`, {
    description: 'Help desk: the table and the attachments bucket (retained)',
    attachmentOrigins: [
      // Without a custom domain the portal's CloudFront domain is only made in the stateless stack.
      ...(settings.portalDomain ? [`https://${settings.portalDomain}`] : ['https://*.cloudfront.net']),
      ...settings.corsOrigins,
    ],
    ...(settings.inboundAddress ? { inboundMail: true } : {}),
    ...(env ? { env } : {}),
  });
  const stateless = new StatelessStack(app, `${settings.stackPrefix}Stateless`, {
    description: 'Help desk: API, identity, functions, SLA timers, mail, portal, operations',
    settings,
    table: stateful.table,
    attachmentsBucketExport: stateful.attachmentsBucketExport,
    ...(options.portalDistDir ? { portalDistDir: options.portalDistDir } : {}),
    ...(env ? { env, crossRegionReferences: true } : {}),
    ...(edge ? { webAclArn: edge.protection.webAclArn } : {}),
  });
  stateless.addStackDependency(stateful);
  Tags.of(app).add('application', 'helpdesk');
  checkWithCdkNag(app);
  return { settings, stateful, stateless, edge };
};
