import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach } from 'vitest';
import { provideAccountCheck } from '#functions/http/account-check.js';
import type { ApiResult } from '#functions/http/route.js';
import { automationRulesEntity } from '#platform/table/automation.js';
import { settingsDocumentEntity } from '#platform/table/settings-document.js';
import { TICKET_FIELDS_DOCUMENT } from '#tickets/ticket-fields.js';
import { cloudEnvironment } from './cloud-environment.js';

/** A route handler as a test calls it. */
export type Handler = (event: unknown, context: unknown) => Promise<ApiResult>;

/**
 * The ticket routes' handlers over mocked AWS clients, as in the cloud: DynamoDB, SES and
 * EventBridge Scheduler. Call it at the top of a test file, before the file's own `beforeAll`
 * imports the handlers: it sets the cloud environment first, and before each test resets the
 * mocks to an empty configuration (no SLA policies, automation rules, ticket fields or queue
 * definitions stored).
 */
export const mockedCloud = () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  const ses = mockClient(SESClient);
  const scheduler = mockClient(SchedulerClient);
  beforeAll(() => {
    // Every caller here is active: the account check has its own tests (test/identity/account-status.test.ts,
    // administration.test.ts); provided first, the wiring's check over the mocked table is not used.
    provideAccountCheck(async () => true);
    // As in the cloud: SLA timers through EventBridge Scheduler, mail through SES (both mocked).
    Object.assign(process.env, cloudEnvironment, { AWS_REGION: 'eu-central-1' });
  });
  beforeEach(() => {
    ddb.reset();
    ses.reset();
    ses.on(SendRawEmailCommand).resolves({ MessageId: 'ses-1' });
    scheduler.reset();
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });
    // The SLA policies and calendars, read once per container: none stored, so the defaults apply.
    ddb
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'CONFIG', ':sk': 'SLA_' } })
      .resolves({ Items: [] });
    // No automation rules saved (docs/automation.md): read once per container, before the SLA engine.
    ddb.on(GetCommand, { Key: automationRulesEntity.key() }).resolves({});
    ddb.on(GetCommand, { Key: settingsDocumentEntity.key(TICKET_FIELDS_DOCUMENT) }).resolves({});
    // The queue definitions routing reads (docs/routing.md): none stored, so nothing auto-assigns;
    // the ticket's queue, missing from the list, is then read on its own.
    for (const prefix of ['QUEUE#', 'QUEUE#general'])
      ddb
        .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'CONFIG', ':sk': prefix } })
        .resolves({ Items: [] });
  });
  return { ddb, ses, scheduler };
};
