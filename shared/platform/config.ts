/**
 * Configuration is read once, at module load, with fail-fast helpers: a missing variable
 * stops the cold start with a clear message instead of an `undefined` deep in a request.
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

export const requireEnv = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`Missing required environment variable ${name}: set it in the function configuration`);
  }
  return value;
};

export const optionalEnv = (name: string, fallback: string): string => {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
};
