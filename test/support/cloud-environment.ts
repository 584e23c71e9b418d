import { attachmentEnvNames } from '#attachments/settings.js';
import { inboundEnvNames } from '#email/settings.js';
import { identityEnvNames } from '#identity/settings.js';
import { envNames } from '#platform/config.js';
import { slaCheckKinds } from '#sla/payload.js';

/** The variables a deployment sets (infra gives each function its family's share), with realistic values. */
export const cloudEnvironment: Record<string, string> = {
  [envNames.tableName]: 'helpdesk-unit',
  [envNames.cursorSecret]: 'a-cursor-secret-of-32-characters',
  [envNames.mailFrom]: 'Help desk <support@helpdesk.example>',
  [envNames.sesConfigurationSet]: 'helpdesk',
  [envNames.portalUrl]: 'https://helpdesk.example',
  [envNames.schedulerMode]: 'eventbridge',
  [envNames.scheduleGroup]: 'helpdesk-sla',
  [envNames.schedulerRoleArn]: 'arn:aws:iam::123456789012:role/scheduler',
  [envNames.slaTargetArns]: JSON.stringify(
    Object.fromEntries(
      slaCheckKinds.map((kind) => [kind, `arn:aws:lambda:eu-central-1:123456789012:function:${kind}`]),
    ),
  ),
  [envNames.slaDeadLetterArn]: 'arn:aws:sqs:eu-central-1:123456789012:sla-dlq',
  [attachmentEnvNames.bucket]: 'helpdesk-attachments-unit',
  [inboundEnvNames.address]: 'support@helpdesk.example',
  [identityEnvNames.userPoolId]: 'eu-central-1_Pool123',
};
