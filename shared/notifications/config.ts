import { envNames, optionalEnv, requireEnv } from '#platform/config.js';
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

/** Read once at module load; a missing variable stops the cold start with a clear message. */
export const mailConfigFromEnv = (): MailConfig => {
  const from = requireEnv(envNames.mailFrom);
  return {
    from,
    configurationSet: requireEnv(envNames.sesConfigurationSet),
    replyTo: optionalEnv(envNames.mailReplyTo, '') || null,
    sesEndpoint: optionalEnv(envNames.sesEndpoint, '') || null,
    portalUrl: requireEnv(envNames.portalUrl),
    threadDomain: domainOfAddress(from),
  };
};
