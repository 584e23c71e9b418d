import { Stack } from 'aws-cdk-lib';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { envNames } from '../../shared/config/env.js';
import type { MailResources } from './grants.js';

export interface MailProps {
  /** The sender address; SES mails it a verification link on the first deploy. */
  senderEmail: string;
}

/**
 * Outbound mail: the sender identity and the configuration set every mail is sent with
 * (TLS required, reputation metrics, bounces and complaints suppressed account-wide).
 */
export class Mail extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly resources: MailResources;
  readonly environment: Record<string, string>;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.identity = new EmailIdentity(this, 'Sender', {
      identity: Identity.email(props.senderEmail),
      configurationSet: this.configurationSet,
    });
    this.resources = {
      identityArn: this.identity.emailIdentityArn,
      configurationSetArn: Stack.of(this).formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: this.configurationSet.configurationSetName,
      }),
    };
    this.environment = {
      [envNames.mailFrom]: `Help desk <${props.senderEmail}>`,
      [envNames.sesConfigurationSet]: this.configurationSet.configurationSetName,
    };
  }
}
