import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envNames, readSettings } from '#platform/config.js';
import { atExpression, EventBridgeScheduler } from '#sla/adapters/eventbridge-scheduler.js';
import type { SlaCheckPayload } from '#sla/payload.js';
import { SchedulerSettings } from '#sla/settings.js';

const scheduler = mockClient(SchedulerClient);
const now = new Date('2026-03-02T08:00:00.000Z');
const clock = { now: () => now };
const arn = (kind: string) => `arn:aws:lambda:eu-central-1:123456789012:function:helpdesk-sla-${kind}`;
const config = {
  groupName: 'helpdesk-sla',
  roleArn: 'arn:aws:iam::123456789012:role/helpdesk-scheduler',
  targetArns: {
    reminder: arn('reminder'),
    escalation: arn('escalation'),
    'auto-close': arn('auto-close'),
    requeue: arn('requeue'),
    'wake-up': arn('wake-up'),
    idle: arn('idle'),
  },
  deadLetterArn: 'arn:aws:sqs:eu-central-1:123456789012:helpdesk-sla-dlq',
};
const payload: SlaCheckPayload = {
  ticketId: '01JTESTTICKET0000000000000',
  kind: 'escalation',
  generation: 3,
  dueAt: '2026-03-02T08:15:00.250Z',
};
const conflict = new ConflictException({ message: 'Schedule already exists', $metadata: {}, Message: '' });
const invalid = new ValidationException({ message: 'Invalid expression', $metadata: {}, Message: '' });
const notFound = new ResourceNotFoundException({ message: 'Schedule not found', $metadata: {}, Message: '' });

beforeEach(() => scheduler.reset());
afterEach(() => scheduler.reset());

describe('EventBridge Scheduler adapter', () => {
  it('creates a one-shot at() schedule in UTC aimed at the function of the check kind', async () => {
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });

    await new EventBridgeScheduler(new SchedulerClient({}), config, clock).arm(
      '01JTESTTICKET0000000000000-3',
      payload,
    );

    expect(scheduler).toHaveReceivedCommandTimes(CreateScheduleCommand, 1);
    expect(scheduler.commandCalls(CreateScheduleCommand)[0]?.args[0].input).toStrictEqual({
      Name: '01JTESTTICKET0000000000000-3',
      GroupName: 'helpdesk-sla',
      Description: 'SLA escalation check of ticket 01JTESTTICKET0000000000000 (generation 3)',
      ScheduleExpression: 'at(2026-03-02T08:15:01)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      Target: {
        Arn: arn('escalation'),
        RoleArn: 'arn:aws:iam::123456789012:role/helpdesk-scheduler',
        Input: JSON.stringify(payload),
        RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-central-1:123456789012:helpdesk-sla-dlq' },
      },
    });
  });

  it('treats a schedule that already exists under the name as armed', async () => {
    scheduler.on(CreateScheduleCommand).rejects(conflict);

    await expect(
      new EventBridgeScheduler(new SchedulerClient({}), config, clock).arm('t-3', payload),
    ).resolves.toBeUndefined();
  });

  it('lets other failures through so the caller retries', async () => {
    scheduler.on(CreateScheduleCommand).rejects(invalid);

    await expect(
      new EventBridgeScheduler(new SchedulerClient({}), config, clock).arm('t-3', payload),
    ).rejects.toThrow(ValidationException);
  });

  it('deletes a schedule from the group', async () => {
    scheduler.on(DeleteScheduleCommand).resolves({});

    await new EventBridgeScheduler(new SchedulerClient({}), config, clock).cancel('t-2');

    expect(scheduler).toHaveReceivedCommandTimes(DeleteScheduleCommand, 1);
    expect(scheduler).toHaveReceivedCommandWith(DeleteScheduleCommand, {
      Name: 't-2',
      GroupName: 'helpdesk-sla',
    });
  });

  it('treats a schedule that already fired or was deleted as cancelled', async () => {
    scheduler.on(DeleteScheduleCommand).rejects(notFound);

    await expect(
      new EventBridgeScheduler(new SchedulerClient({}), config, clock).cancel('t-2'),
    ).resolves.toBeUndefined();
  });
});

describe('at() expression', () => {
  it('rounds up to the next whole second so a check never fires early', () => {
    expect(atExpression(new Date('2026-03-02T09:00:00.001Z'), now)).toBe('at(2026-03-02T09:00:01)');
    expect(atExpression(new Date('2026-03-02T09:00:00.000Z'), now)).toBe('at(2026-03-02T09:00:00)');
  });

  it('never aims in the past: an overdue check fires right away', () => {
    expect(atExpression(new Date('2026-03-01T00:00:00Z'), now)).toBe('at(2026-03-02T08:00:02)');
  });
});

describe('configuration', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('reads group, role, dead-letter queue and the target of every kind from the environment', () => {
    process.env[envNames.scheduleGroup] = config.groupName;
    process.env[envNames.schedulerRoleArn] = config.roleArn;
    process.env[envNames.slaDeadLetterArn] = config.deadLetterArn;
    process.env[envNames.slaTargetArns] = JSON.stringify(config.targetArns);
    process.env[envNames.schedulerMode] = 'eventbridge';

    expect(readSettings({ scheduler: SchedulerSettings }).scheduler).toEqual({
      mode: 'eventbridge',
      ...config,
    });
  });

  it('stops the cold start when a target is missing', () => {
    process.env[envNames.scheduleGroup] = config.groupName;
    process.env[envNames.schedulerRoleArn] = config.roleArn;
    process.env[envNames.slaDeadLetterArn] = config.deadLetterArn;
    process.env[envNames.slaTargetArns] = JSON.stringify({ reminder: arn('reminder') });
    process.env[envNames.schedulerMode] = 'eventbridge';

    expect(() => readSettings({ scheduler: SchedulerSettings })).toThrow(
      /SLA_TARGET_ARNS needs a function ARN for each of reminder/,
    );
  });
});
