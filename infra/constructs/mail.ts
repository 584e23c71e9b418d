import { Stack } from 'aws-cdk-lib';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { envNames } from '#platform/config.js';
import type { MailResources } from './grants.js';

export interface MailProps {
  /** The sender address; SES mails it a verification link on the first deploy. */
  senderEmail: string;
  senderName: string;
  /** Verify this domain (Easy DKIM) instead of the single address. */
  senderDomain?: string;
  replyToEmail?: string;
}

/**
 * Outbound mail: the sender identity (the address, or its whole domain with DKIM) and the
 * configuration set every mail is sent with (TLS required, reputation metrics, bounces and
 * complaints suppressed account-wide).
 */
export class Mail extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly resources: MailResources;
  readonly environment: Record<string, string>;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.identity = new EmailIdentity(this, 'Sender', {
      identity: props.senderDomain ? Identity.domain(props.senderDomain) : Identity.email(props.senderEmail),
      configurationSet: this.configurationSet,
    });
    const identityArn = (name: string) =>
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: name });
    this.resources = {
      // SES authorizes a send against the identity that verified the From address: the
      // address itself, or its domain when the domain is the verified identity.
      identityArns: props.senderDomain
        ? [this.identity.emailIdentityArn, identityArn(props.senderEmail)]
        : [this.identity.emailIdentityArn],
      configurationSetArn: stack.formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: this.configurationSet.configurationSetName,
      }),
    };
    this.environment = {
      [envNames.mailFrom]: `${props.senderName} <${props.senderEmail}>`,
      [envNames.sesConfigurationSet]: this.configurationSet.configurationSetName,
      ...(props.replyToEmail ? { [envNames.mailReplyTo]: props.replyToEmail } : {}),
    };
  }

  /** The CNAME records that prove the domain (only with a domain identity). */
  get dkimRecords(): { name: string; value: string }[] {
    return this.identity.dkimRecords.map((record) => ({ name: record.name, value: record.value }));
  }
}
