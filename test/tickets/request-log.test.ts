import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { provideAccountCheck } from '#functions/http/account-check.js';
import type { ApiResult } from '#functions/http/route.js';
import { logger } from '#platform/logger.js';
import { automationRulesEntity } from '#platform/table/automation.js';
import { settingsDocumentEntity } from '#platform/table/settings-document.js';
import { TICKET_FIELDS_DOCUMENT } from '#tickets/ticket-fields.js';
import { apiEvent, claimsFor, lambdaContext } from '../support/api-event.js';
import { cloudEnvironment } from '../support/cloud-environment.js';

const ddb = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESClient);
const scheduler = mockClient(SchedulerClient);

type Handler = (event: unknown, context: unknown) => Promise<ApiResult>;
let createTicket: Handler;

beforeAll(async () => {
  // Every caller here is active: the account check has its own tests (test/identity/account-status.test.ts,
  // administration.test.ts); provided first, the wiring's check over the mocked table is not used.
  provideAccountCheck(async () => true);
  // As in the cloud: SLA timers through EventBridge Scheduler, mail through SES (both mocked).
  Object.assign(process.env, cloudEnvironment, { AWS_REGION: 'eu-central-1' });
  createTicket = (await import('#functions/tickets/create-ticket.js')).handler as unknown as Handler;
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

const parse = (result: ApiResult) => JSON.parse(result.body ?? 'null');

/**
 * Apart from handlers.test.ts on purpose: there, after earlier requests of the same container,
 * the log lines of this request did not reach the captured streams (cause not found, 2026-12-03);
 * here the failing request is the container's first, as after a cold start.
 */
describe('create-ticket handler, its log', () => {
  it('names the request in its log lines by the id it answers in X-Request-Id and the problem body', async () => {
    // Prepare: the log lines the function writes (the suite runs the logger silent)
    ddb.on(TransactWriteCommand).rejects(new Error('connection reset by peer'));
    ddb.on(GetCommand).resolves({ Item: { id: 'acme', name: 'Acme' } });
    ddb.on(GetCommand, { Key: automationRulesEntity.key() }).resolves({});
    ddb.on(GetCommand, { Key: settingsDocumentEntity.key(TICKET_FIELDS_DOCUMENT) }).resolves({});
    const written: string[] = [];
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    logger.setLogLevel('INFO');

    // Act
    const result = await createTicket(
      apiEvent({
        method: 'POST',
        path: '/api/v1/tickets',
        claims: claimsFor.client,
        body: { subject: 'x', description: 'y' },
      }),
      lambdaContext,
    ).finally(() => {
      logger.setLogLevel('SILENT');
      out.mockRestore();
      err.mockRestore();
    });

    // Assess
    const lines = written
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { message: string; requestId?: string });
    const failed = lines.find((line) => line.message === 'request failed');
    expect(result.headers?.['x-request-id']).toBe('req-1');
    expect(parse(result).requestId).toBe('req-1');
    expect(failed?.requestId).toBe('req-1');
  });
});
