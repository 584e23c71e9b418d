import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readSettings, type Settings } from './settings.js';
import { StatefulStack } from './stacks/stateful-stack.js';
import { StatelessStack } from './stacks/stateless-stack.js';

export interface Helpdesk {
  settings: Settings;
  stateful: StatefulStack;
  stateless: StatelessStack;
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
  const stateful = new StatefulStack(app, `${settings.stackPrefix}Stateful`, {
    description: 'Help desk: the table and the attachments bucket (retained)',
  });
  const stateless = new StatelessStack(app, `${settings.stackPrefix}Stateless`, {
    description: 'Help desk: API, identity, functions, SLA timers, mail, portal, operations',
    settings,
    table: stateful.table,
    ...(options.portalDistDir ? { portalDistDir: options.portalDistDir } : {}),
  });
  stateless.addStackDependency(stateful);
  Tags.of(app).add('application', 'helpdesk');
  checkWithCdkNag(app);
  return { settings, stateful, stateless };
};
