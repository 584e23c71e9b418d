import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import type { Clock } from '#platform/ports.js';
import type { SlaCheckPayload } from '../payload.js';
import type { Scheduler } from '../ports.js';

/** What the CDK app sets (infra/constructs/sla-timers.ts), read by `SchedulerSettings` (../settings.ts). */
export interface EventBridgeSchedulerConfig {
  groupName: string;
  /** The role EventBridge Scheduler assumes to invoke the SLA functions. */
  roleArn: string;
  /** The SLA function of each check kind. */
  targetArns: Record<SlaCheckPayload['kind'], string>;
  /** The SQS queue that receives checks which could not be delivered. */
  deadLetterArn: string;
  maximumRetryAttempts?: number;
  maximumEventAgeInSeconds?: number;
}

/**
 * A schedule must not be created in the past, and `at()` has whole seconds: the time is
 * rounded up (a check never fires before it is due) and kept at least this far ahead.
 */
export const MINIMUM_LEAD_MS = 2_000;

/** `at(yyyy-mm-ddThh:mm:ss)` in UTC for the first whole second at or after `dueAt`, never in the past. */
export const atExpression = (dueAt: Date, now: Date): string => {
  const earliest = Math.max(dueAt.getTime(), now.getTime() + MINIMUM_LEAD_MS);
  const second = Math.ceil(earliest / 1000) * 1000;
  return `at(${new Date(second).toISOString().slice(0, 19)})`;
};

/**
 * EventBridge Scheduler one-shot schedules (docs/architecture.md (SLA clocks)): `at()` in UTC, no flexible window,
 * deleted by the service after they fire, a retry policy and a dead-letter queue. Names are
 * deterministic, so a retried create meets ConflictException and is a no-op.
 */
export class EventBridgeScheduler implements Scheduler {
  constructor(
    private readonly client: SchedulerClient,
    private readonly config: EventBridgeSchedulerConfig,
    private readonly clock: Clock,
  ) {}

  createInput(name: string, payload: SlaCheckPayload): CreateScheduleCommandInput {
    return {
      Name: name,
      GroupName: this.config.groupName,
      Description: `SLA ${payload.kind} check of ticket ${payload.ticketId} (generation ${payload.generation})`,
      ScheduleExpression: atExpression(new Date(payload.dueAt), this.clock.now()),
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      Target: {
        Arn: this.config.targetArns[payload.kind],
        RoleArn: this.config.roleArn,
        Input: JSON.stringify(payload),
        RetryPolicy: {
          MaximumRetryAttempts: this.config.maximumRetryAttempts ?? 20,
          MaximumEventAgeInSeconds: this.config.maximumEventAgeInSeconds ?? 3600,
        },
        DeadLetterConfig: { Arn: this.config.deadLetterArn },
      },
    };
  }

  async arm(name: string, payload: SlaCheckPayload): Promise<void> {
    try {
      await this.client.send(new CreateScheduleCommand(this.createInput(name, payload)));
    } catch (error) {
      // The same name means the same ticket generation, hence the same check: already armed.
      if (error instanceof ConflictException) return;
      throw error;
    }
  }

  async cancel(name: string): Promise<void> {
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: name, GroupName: this.config.groupName }));
    } catch (error) {
      // Fired (and deleted by ActionAfterCompletion) or already cancelled.
      if (error instanceof ResourceNotFoundException) return;
      throw error;
    }
  }
}
