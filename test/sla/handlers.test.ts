import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { provideAccountCheck } from '#functions/http/account-check.js';
import type { ApiResult } from '#functions/http/route.js';
import { MAIL_TEMPLATES_DOCUMENT } from '#notifications/mail-templates.js';
import { automationRulesEntity } from '#platform/table/automation.js';
import { organisationEntity } from '#platform/table/organisation.js';
import { queueEntity } from '#platform/table/queue.js';
import { settingsDocumentEntity } from '#platform/table/settings-document.js';
import { ticketEntity } from '#platform/table/ticket.js';
import { userEntity } from '#platform/table/user.js';
import { ticketItem } from '#tickets/adapters/ticket-items.js';
import type { Ticket } from '#tickets/schemas.js';
import { emptySla } from '#tickets/sla-state.js';
import { TICKET_FIELDS_DOCUMENT } from '#tickets/ticket-fields.js';
import { apiEvent, claimsFor, lambdaContext } from '../support/api-event.js';

/**
 * The SLA path through the real handler modules, in the cloud configuration (EventBridge
 * Scheduler, SES), with the AWS clients mocked: the exact schedules and mails they ask for.
 */
const ddb = mockClient(DynamoDBDocumentClient);
const scheduler = mockClient(SchedulerClient);
const ses = mockClient(SESClient);

const arn = (kind: string) => `arn:aws:lambda:eu-central-1:123456789012:function:helpdesk-sla-${kind}`;
const group = 'helpdesk-sla';
const roleArn = 'arn:aws:iam::123456789012:role/helpdesk-scheduler';
const dlqArn = 'arn:aws:sqs:eu-central-1:123456789012:helpdesk-sla-dlq';

type Handler = (event: unknown, context: unknown) => Promise<ApiResult>;
type SlaHandler = (event: unknown, context?: unknown) => Promise<{ outcome: string }>;
let createTicket: Handler;
let acceptTicket: Handler;
let escalation: SlaHandler;

beforeAll(async () => {
  // Every caller here is active: the account check has its own tests (test/identity/account-status.test.ts,
  // administration.test.ts); provided first, the wiring's check over the mocked table is not used.
  provideAccountCheck(async () => true);
  Object.assign(process.env, {
    TABLE_NAME: 'helpdesk-unit',
    CURSOR_SECRET: 'unit-test-cursor-secret',
    AWS_REGION: 'eu-central-1',
    MAIL_FROM: 'Help desk <helpdesk@helpdesk.example>',
    SES_CONFIGURATION_SET: 'helpdesk-mail',
    PORTAL_URL: 'https://helpdesk.example',
    SCHEDULER_MODE: 'eventbridge',
    SCHEDULE_GROUP: group,
    SCHEDULER_ROLE_ARN: roleArn,
    SLA_DLQ_ARN: dlqArn,
    SLA_TARGET_ARNS: JSON.stringify({
      reminder: arn('reminder'),
      escalation: arn('escalation'),
      'auto-close': arn('auto-close'),
      requeue: arn('requeue'),
      'wake-up': arn('wake-up'),
      idle: arn('idle'),
    }),
  });
  createTicket = (await import('#functions/tickets/create-ticket.js')).handler as unknown as Handler;
  acceptTicket = (await import('#functions/tickets/accept-ticket.js')).handler as unknown as Handler;
  escalation = (await import('#functions/sla/escalation.js')).handler as SlaHandler;
});

const lead = {
  id: 'user-lead',
  email: 'lead@helpdesk.example',
  name: 'Liis Lead',
  role: 'lead',
  orgId: null,
  locale: 'et',
  timeZone: 'Europe/Tallinn',
};

beforeEach(() => {
  ddb.reset();
  scheduler.reset();
  ses.reset();
  // No stored SLA configuration: the default policies apply (urgent: 15 min / 4 h / 8 h).
  ddb
    .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'CONFIG', ':sk': 'SLA_' } })
    .resolves({ Items: [] });
  // No automation rules saved (docs/automation.md): read once per container, before the SLA engine.
  ddb.on(GetCommand, { Key: automationRulesEntity.key() }).resolves({});
  ddb.on(GetCommand, { Key: settingsDocumentEntity.key(TICKET_FIELDS_DOCUMENT) }).resolves({});
  // No mail templates saved (docs/mail-templates.md): the notices use their built-in text.
  ddb.on(GetCommand, { Key: settingsDocumentEntity.key(MAIL_TEMPLATES_DOCUMENT) }).resolves({});
  // The queue definitions routing reads (docs/routing.md): none stored, so nothing auto-assigns;
  // the ticket's queue, missing from the list, is then read on its own.
  for (const prefix of ['QUEUE#', 'QUEUE#general'])
    ddb
      .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'CONFIG', ':sk': prefix } })
      .resolves({ Items: [] });
  ddb
    .on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'ROLE#lead' } })
    .resolves({ Items: [{ ...userEntity.key(lead.id), ...userEntity.indexKeys(lead), ...lead }] });
  ddb.on(UpdateCommand).resolves({ Attributes: { value: 42 } });
  ddb.on(TransactWriteCommand).resolves({});
  scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });
  scheduler.on(DeleteScheduleCommand).resolves({});
  ses.on(SendRawEmailCommand).resolves({ MessageId: 'ses-1' });
});

const atOf = (iso: string) =>
  `at(${new Date(Math.ceil(Date.parse(iso) / 1000) * 1000).toISOString().slice(0, 19)})`;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** An urgent ticket 16 minutes old, never opened: its time to open (15 min) has just run out. */
const overdueTicket = (): Ticket => {
  const createdAt = minutesAgo(16);
  return {
    id: '01JD0000000000000000000042',
    reference: 'HD-2026-000042',
    subject: 'Production is down',
    description: 'All of it',
    status: 'new',
    priority: 'urgent',
    category: null,
    tags: [],
    queue: 'general',
    orgId: 'acme',
    requester: { id: 'user-client-acme', email: 'client@acme.example', name: 'Alice' },
    assignee: null,
    channel: 'web',
    version: 3,
    createdAt,
    updatedAt: createdAt,
    sla: {
      ...emptySla(),
      policyId: 'urgent',
      firstResponseDueAt: new Date(Date.parse(createdAt) + 15 * 60_000).toISOString(),
      resolutionDueAt: new Date(Date.parse(createdAt) + 4 * 3_600_000).toISOString(),
      totalDueAt: new Date(Date.parse(createdAt) + 8 * 3_600_000).toISOString(),
      resolutionRunningSince: createdAt,
      notified: ['timeToOpen:reminder-50', 'timeToOpen:reminder-80'],
      scheduleGeneration: 2,
      scheduleName: '01JD0000000000000000000042-2',
      nextCheckAt: new Date(Date.parse(createdAt) + 15 * 60_000).toISOString(),
      nextCheckKind: 'escalation',
    },
  };
};

describe('ticket changes arm EventBridge schedules', () => {
  it('arms one schedule aimed at the first reminder, and sends no mail in the request (the mail consumer acknowledges it)', async () => {
    const client = { id: 'user-client-acme', email: 'client@acme.example', name: 'Alice', role: 'client' };
    ddb
      .on(GetCommand, { Key: userEntity.key(client.id) })
      .resolves({ Item: { ...userEntity.key(client.id), ...client, orgId: 'acme', locale: 'en' } });
    // Acme lets its clients choose a priority; the general queue exists.
    ddb
      .on(GetCommand, { Key: organisationEntity.key('acme') })
      .resolves({ Item: { id: 'acme', name: 'Acme', clientMay: ['category', 'priority'] } });
    ddb.on(GetCommand, { Key: queueEntity.key('general') }).resolves({ Item: queueEntity.key('general') });

    const result = await createTicket(
      apiEvent({
        method: 'POST',
        path: '/api/v1/tickets',
        claims: claimsFor.client,
        body: { subject: 'VPN down', description: 'Since this morning', priority: 'urgent' },
      }),
      lambdaContext,
    );

    expect(result.statusCode).toBe(201);
    const ticket = JSON.parse(result.body ?? '{}') as Ticket;
    const dueAt = new Date(Date.parse(ticket.createdAt) + 7.5 * 60_000).toISOString();
    const stored = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems?.[0]?.Put?.Item;
    expect(stored?.sla).toMatchObject({
      nextCheckAt: dueAt,
      nextCheckKind: 'reminder',
      scheduleGeneration: 1,
    });
    expect(scheduler).toHaveReceivedCommandTimes(CreateScheduleCommand, 1);
    expect(scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input).toStrictEqual({
      Name: `${ticket.id}-1`,
      GroupName: group,
      Description: `SLA reminder check of ticket ${ticket.id} (generation 1)`,
      ScheduleExpression: atOf(dueAt),
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      Target: {
        Arn: arn('reminder'),
        RoleArn: roleArn,
        Input: JSON.stringify({ ticketId: ticket.id, kind: 'reminder', generation: 1, dueAt }),
        RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: dlqArn },
      },
    });
    expect(scheduler).not.toHaveReceivedCommand(DeleteScheduleCommand);
    expect(ses).not.toHaveReceivedCommand(SendRawEmailCommand);
  });

  it('deletes the schedule when the client accepts the solution and the ticket closes', async () => {
    const resolved: Ticket = {
      ...overdueTicket(),
      status: 'resolved',
      sla: {
        ...overdueTicket().sla,
        resolvedAt: minutesAgo(1),
        resolutionRunningSince: null,
        scheduleGeneration: 4,
        scheduleName: '01JD0000000000000000000042-4',
        nextCheckKind: 'auto-close',
      },
    };
    ddb.on(GetCommand, { Key: ticketEntity.key(resolved.id) }).resolves({ Item: ticketItem(resolved) });

    const result = await acceptTicket(
      apiEvent({
        method: 'POST',
        path: `/api/v1/tickets/${resolved.id}/accept`,
        claims: claimsFor.client,
        pathParameters: { id: resolved.id },
      }),
      lambdaContext,
    );

    expect(result.statusCode).toBe(200);
    const stored = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems?.[0]?.Put?.Item;
    expect(stored?.sla).toMatchObject({ scheduleName: null, nextCheckAt: null });
    expect(JSON.parse(result.body ?? '{}').sla).not.toHaveProperty('scheduleName');
    expect(scheduler).not.toHaveReceivedCommand(CreateScheduleCommand);
    expect(scheduler.commandCalls(DeleteScheduleCommand).map((call) => call.args[0].input)).toStrictEqual([
      { Name: '01JD0000000000000000000042-4', GroupName: group },
    ]);
  });
});

describe('the escalation function', () => {
  it('escalates the breach to the leads, records it, and arms the next check under a new name', async () => {
    const ticket = overdueTicket();
    ddb.on(GetCommand, { Key: ticketEntity.key(ticket.id) }).resolves({ Item: ticketItem(ticket) });
    const payload = {
      ticketId: ticket.id,
      kind: 'escalation',
      generation: 2,
      dueAt: ticket.sla.nextCheckAt,
    };

    const result = await escalation(payload, lambdaContext);

    expect(result).toEqual({ outcome: 'settled' });
    // The check only decides and records: the mail leaves with the stream.
    expect(ses).not.toHaveReceivedCommand(SendRawEmailCommand);
    const written = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(written[0]?.Put?.ConditionExpression).toBe('#version = :expected');
    expect(written[0]?.Put?.Item?.sla).toMatchObject({
      breaches: [{ clock: 'timeToOpen', at: ticket.sla.firstResponseDueAt }],
      notified: ['timeToOpen:reminder-50', 'timeToOpen:reminder-80', 'timeToOpen:breach'],
      scheduleGeneration: 3,
      scheduleName: `${ticket.id}-3`,
      nextCheckKind: 'reminder',
    });
    expect(written.slice(1).map((item) => item.Put?.Item?.type)).toEqual(['sla.escalation', 'sla.breached']);
    const nextDue = new Date(Date.parse(ticket.createdAt) + 2 * 3_600_000).toISOString();
    expect(scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input).toMatchObject({
      Name: `${ticket.id}-3`,
      ScheduleExpression: atOf(nextDue),
      Target: {
        Arn: arn('reminder'),
        Input: JSON.stringify({ ticketId: ticket.id, kind: 'reminder', generation: 3, dueAt: nextDue }),
      },
    });
    // The schedule that fired was deleted by EventBridge itself (ActionAfterCompletion DELETE).
    expect(scheduler).not.toHaveReceivedCommand(DeleteScheduleCommand);
  });

  it('records the escalation on its event, and the sla-notices consumer mails it to the leads', async () => {
    const ticket = overdueTicket();
    ddb.on(GetCommand, { Key: ticketEntity.key(ticket.id) }).resolves({ Item: ticketItem(ticket) });
    await escalation(
      { ticketId: ticket.id, kind: 'escalation', generation: 2, dueAt: ticket.sla.nextCheckAt },
      lambdaContext,
    );
    const written = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    const event = written.map((item) => item.Put?.Item).find((item) => item?.type === 'sla.escalation');
    expect(event?.notice).toMatchObject({
      notice: { kind: 'escalation', clock: 'timeToOpen', level: 'breach', audience: 'leads' },
      previousAssignee: null,
    });
    const { handler: slaNotices } = await import('#functions/stream/sla-notices.js');

    const response = await slaNotices({
      Records: [
        { eventName: 'INSERT', dynamodb: { SequenceNumber: '1', NewImage: marshall(event) as never } },
      ],
    });

    expect(response.batchItemFailures).toEqual([]);
    expect(ses).toHaveReceivedCommandTimes(SendRawEmailCommand, 1);
    expect(ses).toHaveReceivedCommandWith(SendRawEmailCommand, {
      Destinations: ['lead@helpdesk.example'],
      ConfigurationSetName: 'helpdesk-mail',
      Tags: [
        { Name: 'notice', Value: 'escalation' },
        { Name: 'ticket', Value: ticket.id },
      ],
    });
  });

  it('sends nothing for a check the ticket no longer owns, and re-ensures the ticket’s own schedule', async () => {
    const moved: Ticket = {
      ...overdueTicket(),
      sla: { ...overdueTicket().sla, scheduleGeneration: 3, scheduleName: '01JD0000000000000000000042-3' },
    };
    ddb.on(GetCommand, { Key: ticketEntity.key(moved.id) }).resolves({ Item: ticketItem(moved) });
    scheduler
      .on(CreateScheduleCommand)
      .rejects(new ConflictException({ message: 'exists', $metadata: {}, Message: '' }));

    const result = await escalation(
      { ticketId: moved.id, kind: 'escalation', generation: 2, dueAt: moved.sla.nextCheckAt },
      lambdaContext,
    );

    expect(result).toEqual({ outcome: 'stale' });
    expect(ses).not.toHaveReceivedCommand(SendRawEmailCommand);
    expect(ddb).not.toHaveReceivedCommand(TransactWriteCommand);
    expect(scheduler).toHaveReceivedCommandWith(CreateScheduleCommand, {
      Name: '01JD0000000000000000000042-3',
    });
  });

  it('drops a malformed payload without retrying it', async () => {
    const result = await escalation({ ticketId: '', kind: 'nap', generation: -1 }, lambdaContext);

    expect(result).toEqual({ outcome: 'invalid' });
    expect(ddb).not.toHaveReceivedCommand(GetCommand);
  });
});
