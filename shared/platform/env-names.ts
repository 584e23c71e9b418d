/**
 * The environment variables of the product's settings (./config.ts declares their schemas).
 * Kept apart so a function that must start light (health) can read one without the validator.
 */
export const envNames = {
  tableName: 'TABLE_NAME',
  cursorSecret: 'CURSOR_SECRET',
  dynamoEndpoint: 'DYNAMODB_ENDPOINT',
  sesEndpoint: 'SES_ENDPOINT',
  mailFrom: 'MAIL_FROM',
  mailReplyTo: 'MAIL_REPLY_TO',
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  portalUrl: 'PORTAL_URL',
  scheduleGroup: 'SCHEDULE_GROUP',
  schedulerRoleArn: 'SCHEDULER_ROLE_ARN',
  slaTargetArns: 'SLA_TARGET_ARNS',
  slaDeadLetterArn: 'SLA_DLQ_ARN',
  schedulerMode: 'SCHEDULER_MODE',
  jwtSecret: 'LOCAL_JWT_SECRET',
} as const;
