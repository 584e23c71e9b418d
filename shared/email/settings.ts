import * as z from 'zod';
import { optionalText, requiredText } from '#platform/config.js';

export const inboundEnvNames = {
  /** The address clients write to, e.g. `support@helpdesk.example` (SES receives it; locally the SMTP server). */
  address: 'INBOUND_ADDRESS',
} as const;

export interface InboundConfig {
  address: string;
}

/** The inbound-mail function's own setting: the address it receives for (its own mail is never answered). */
export const InboundSettings = z
  .object({
    [inboundEnvNames.address]: requiredText(inboundEnvNames.address).pipe(
      z.email({ error: `${inboundEnvNames.address} must be an e-mail address` }),
    ),
  })
  .transform((env): InboundConfig => ({ address: env[inboundEnvNames.address].toLowerCase() }));

export const inboundReceiverEnvNames = {
  /** The inbound-mail function's ARN: the kept-mail retry route invokes it (absent without SES receiving). */
  receiverFunction: 'INBOUND_MAIL_FUNCTION',
} as const;

/**
 * The kept-mail retry route's setting: the function that reads mail (docs/inbound-mail.md).
 * Without `inboundDomain` there is none, and no mail is kept either.
 */
export const InboundReceiverSettings = z
  .object({ [inboundReceiverEnvNames.receiverFunction]: optionalText() })
  .transform((env) => ({ functionArn: env[inboundReceiverEnvNames.receiverFunction] }));
