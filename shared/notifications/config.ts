import * as z from 'zod';
import { envNames, optionalText, requiredText } from '#platform/config.js';
import { domainOfAddress } from './threading.js';

export interface MailConfig {
  /** MAIL_FROM: the sender, e.g. `Help desk <support@example.com>`, a verified SES identity. */
  from: string;
  /** SES_CONFIGURATION_SET: every mail is sent through it. */
  configurationSet: string;
  /** MAIL_REPLY_TO (optional): where replies go when not to the sender. */
  replyTo: string | null;
  /** SES_ENDPOINT (optional): the local SES emulator; unset in the cloud. */
  sesEndpoint: string | null;
  /** PORTAL_URL: the base of the links in every mail. */
  portalUrl: string;
  /** The domain of Message-IDs and thread roots: the sender's. */
  threadDomain: string;
}

/** The mail settings a function that sends mail reads from its environment (read once, at cold start). */
export const MailSettings = z
  .object({
    [envNames.mailFrom]: requiredText(envNames.mailFrom),
    [envNames.sesConfigurationSet]: requiredText(envNames.sesConfigurationSet),
    [envNames.portalUrl]: requiredText(envNames.portalUrl),
    [envNames.mailReplyTo]: optionalText(),
    [envNames.sesEndpoint]: optionalText(),
  })
  .transform(
    (env): MailConfig => ({
      from: env[envNames.mailFrom],
      configurationSet: env[envNames.sesConfigurationSet],
      replyTo: env[envNames.mailReplyTo],
      sesEndpoint: env[envNames.sesEndpoint],
      portalUrl: env[envNames.portalUrl],
      threadDomain: domainOfAddress(env[envNames.mailFrom]),
    }),
  );
