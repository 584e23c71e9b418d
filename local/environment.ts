import { randomUUID } from 'node:crypto';
import { attachmentEnvNames } from '#attachments/settings.js';
import type { MailOutcome, RetryDeadLetterEvent } from '#email/ports.js';
import { inboundEnvNames } from '#email/settings.js';
import {
  provideLocalHealthProbes,
  provideLocalInvitations,
  provideLocalMailReceiver,
  provideLocalScheduler,
} from '#functions/wiring/providers.js';
import { createDocumentClient } from '#platform/adapters/dynamodb-client.js';
import { envNames } from '#platform/config.js';
import { webhookEnvNames } from '#webhooks/settings.js';
import { LOCAL_REGION, localCredentials } from './dynamodb.js';
import { loadHandler } from './handler-modules.js';
import { localInvitations } from './invitations.js';
import { isLocalSchedulerRunning } from './sla-scheduler.js';
import { RECEIVE_MAIL_MODULE } from './smtp.js';
import { TableScheduler } from './table-scheduler.js';

export interface LocalEnvironment {
  tableName: string;
  dynamoEndpoint: string;
  sesEndpoint: string;
  jwtSecret: string;
  cursorSecret: string;
  portalUrl: string;
  mailFrom?: string;
  /** The local S3 server (./s3.ts) and its attachment bucket; without it the attachment routes fail at load. */
  attachments?: { s3Endpoint: string; bucket: string; maxFileBytes?: number };
  /** The address the local SMTP server accepts mail for (default support@helpdesk.example). */
  inboundAddress?: string;
}

type RetryHandler = (event: RetryDeadLetterEvent, context: { awsRequestId: string }) => Promise<MailOutcome>;

/** Where clients write to locally: the local SMTP server accepts mail for it (docs/inbound-mail.md). */
export const LOCAL_INBOUND_ADDRESS = 'support@helpdesk.example';

/**
 * The environment a Lambda function would get from CDK, set for the in-process handlers.
 * Must run before the first handler module is imported (they read it at module load). With
 * SCHEDULER_MODE=local the handlers arm their SLA timers in the table, fired by the local
 * scheduler (./sla-scheduler.ts).
 */
export const applyLocalEnvironment = (env: LocalEnvironment) => {
  Object.assign(process.env, {
    [envNames.tableName]: env.tableName,
    [envNames.dynamoEndpoint]: env.dynamoEndpoint,
    [envNames.sesEndpoint]: env.sesEndpoint,
    [envNames.cursorSecret]: env.cursorSecret,
    [envNames.jwtSecret]: env.jwtSecret,
    [envNames.portalUrl]: env.portalUrl,
    [envNames.mailFrom]: env.mailFrom ?? 'Help desk <helpdesk@helpdesk.example>',
    [envNames.sesConfigurationSet]: 'helpdesk-local',
    [inboundEnvNames.address]: env.inboundAddress ?? LOCAL_INBOUND_ADDRESS,
    // Inbound mail works locally: replies go to the SMTP server's address (docs/inbound-mail.md).
    [envNames.mailReplyTo]: env.inboundAddress ?? LOCAL_INBOUND_ADDRESS,
    [envNames.schedulerMode]: 'local',
    ...(env.attachments
      ? {
          [attachmentEnvNames.bucket]: env.attachments.bucket,
          [attachmentEnvNames.s3Endpoint]: env.attachments.s3Endpoint,
          ...(env.attachments.maxFileBytes
            ? { [attachmentEnvNames.maxFileBytes]: String(env.attachments.maxFileBytes) }
            : {}),
        }
      : {}),
    // Receivers on this machine (http, 127.0.0.1) are fine locally; the cloud refuses them.
    [webhookEnvNames.allowLocalTargets]: 'true',
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    POWERTOOLS_SERVICE_NAME: 'helpdesk-local',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    // The metrics consumer's CloudWatch documents mean nothing without CloudWatch.
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  });
  // Its own client: these writes stand in for EventBridge Scheduler calls, not for the
  // product's DynamoDB traffic (the benchmark counts the handlers' client only).
  provideLocalScheduler(
    (tableName) => new TableScheduler(createDocumentClient({ endpoint: env.dynamoEndpoint }), tableName),
  );
  provideLocalInvitations((tableName) =>
    localInvitations(createDocumentClient({ endpoint: env.dynamoEndpoint }), tableName, {
      sesEndpoint: env.sesEndpoint,
      from: env.mailFrom ?? 'Help desk <helpdesk@helpdesk.example>',
      portalUrl: env.portalUrl,
    }),
  );
  // The kept-mail retry route invokes the inbound-mail function in the cloud; here the same
  // module, with the same event and the answer through JSON as Lambda passes them.
  provideLocalMailReceiver({
    retry: async (letter) => {
      const handler = await loadHandler<RetryHandler>(RECEIVE_MAIL_MODULE);
      const event = JSON.parse(JSON.stringify({ retryDeadLetter: letter })) as RetryDeadLetterEvent;
      return JSON.parse(JSON.stringify(await handler(event, { awsRequestId: randomUUID() }))) as MailOutcome;
    },
  });
  provideLocalHealthProbes({
    scheduler: async () =>
      isLocalSchedulerRunning()
        ? { status: 'ok', kind: 'local' }
        : { status: 'down', kind: 'local', detail: 'the local SLA scheduler is not running' },
    mail: async () => {
      await fetch(`${env.sesEndpoint}/`, { signal: AbortSignal.timeout(2500) });
      return { status: 'ok', kind: 'ses-emulator' };
    },
  });
};
