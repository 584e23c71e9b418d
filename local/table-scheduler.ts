import { EventEmitter } from 'node:events';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ITEM_ABSENT, ITEM_PRESENT } from '#platform/table/key.js';
import { keyCondition } from '#platform/table/query.js';
import { scheduleEntity } from '#platform/table/schedule.js';
import type { SlaCheckPayload } from '#sla/payload.js';
import type { Log, Scheduler } from '#sla/ports.js';

/**
 * The local stand-in for EventBridge Scheduler: pending schedules are items in the table
 * (keyed and indexed by due time as schedule.ts models them), so they survive a restart, and a runner in
 * the same process fires them on time through the same SLA handlers with the same payload.
 */

export interface PendingSchedule {
  name: string;
  /** As stored; the SLA handler validates it like any payload it receives. */
  payload: unknown;
  dueAt: string;
  attempts: number;
}

const toSchedule = (item: Record<string, unknown>): PendingSchedule => ({
  name: String(item.name),
  payload: item.payload,
  dueAt: String(item.dueAt),
  attempts: Number(item.attempts ?? 0),
});

/** Arms in this process wake the runner, so a timer due sooner than its next scan fires on time. */
export const localScheduleSignal = new EventEmitter();
const ARMED = 'armed';

const isConditionFailure = (error: unknown) =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

export class TableScheduler implements Scheduler {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async arm(name: string, payload: SlaCheckPayload): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...scheduleEntity.item({ name, dueAt: payload.dueAt }),
            name,
            payload,
            dueAt: payload.dueAt,
            attempts: 0,
          },
          ConditionExpression: ITEM_ABSENT,
        }),
      );
    } catch (error) {
      // The same name is the same check: already armed.
      if (isConditionFailure(error)) return;
      throw error;
    }
    localScheduleSignal.emit(ARMED, payload.dueAt);
  }

  async cancel(name: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: scheduleEntity.key(name) }));
  }

  /**
   * The earliest pending schedules (at most `limit`): those due by `by`, and when the first one
   * not yet due is due (null when there is none among them). One Query serves both.
   */
  async upcoming(by: Date, limit: number): Promise<{ due: PendingSchedule[]; nextDueAt: Date | null }> {
    const spec = scheduleEntity.queries.dueBy();
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...keyCondition(spec),
        Limit: limit,
      }),
    );
    const schedules = (result.Items ?? []).map(toSchedule);
    const due = schedules.filter((schedule) => new Date(schedule.dueAt).getTime() <= by.getTime());
    const next = schedules[due.length];
    return { due, nextDueAt: next ? new Date(next.dueAt) : null };
  }

  /** All pending schedules, earliest first (tests and the benchmark; a local table is small). */
  async pending(): Promise<PendingSchedule[]> {
    const spec = scheduleEntity.queries.dueBy();
    const all: PendingSchedule[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          ...keyCondition(spec),
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      all.push(...(page.Items ?? []).map(toSchedule));
      start = page.LastEvaluatedKey;
    } while (start);
    return all;
  }

  /** Fired: gone, as EventBridge deletes a completed one-shot schedule. */
  async complete(name: string): Promise<void> {
    await this.cancel(name);
  }

  /** Delivery failed: try again at `at`, unless the schedule was replaced or cancelled meanwhile. */
  async retryAt(schedule: PendingSchedule, at: Date): Promise<void> {
    const dueAt = at.toISOString();
    const order = scheduleEntity.dueOrder({ name: schedule.name, dueAt });
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: scheduleEntity.key(schedule.name),
          UpdateExpression: 'SET dueAt = :dueAt, attempts = :attempts, #dueOrder = :dueOrder',
          ConditionExpression: ITEM_PRESENT,
          ExpressionAttributeNames: { '#dueOrder': order.attribute },
          ExpressionAttributeValues: {
            ':dueAt': dueAt,
            ':attempts': schedule.attempts + 1,
            ':dueOrder': order.value,
          },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}

export interface RunnerOptions {
  /** Checks delivered at the same time (EventBridge delivers in parallel too). */
  concurrency?: number;
  /** How often the table is scanned even without a local arm (schedules armed by another process). */
  rescanMs?: number;
  /** Deliveries of one schedule before it is dropped, like a retry policy ending in a dead-letter queue. */
  maxAttempts?: number;
  log?: Log;
}

/**
 * Fires pending schedules when they are due: at start (overdue ones at once), when its timer
 * for the earliest one expires, and when this process arms an earlier one. A schedule is
 * deleted only after its check was delivered, so a crash in between fires it again on the next
 * start (the checks are idempotent); a failed delivery is retried with back-off.
 */
export class LocalScheduleRunner {
  private timer: NodeJS.Timeout | null = null;
  private timerAt: number | null = null;
  private running: Promise<void> | null = null;
  /** The earliest due time armed while a batch ran (the batch's query may not have seen it). */
  private woken: number | null = null;
  private stopped = false;
  private readonly concurrency: number;
  private readonly rescanMs: number;
  private readonly maxAttempts: number;
  private readonly onArmed = (dueAt: string) => this.wake(new Date(dueAt).getTime());

  constructor(
    private readonly schedules: TableScheduler,
    private readonly deliver: (payload: unknown) => Promise<void>,
    options: RunnerOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 16;
    this.rescanMs = options.rescanMs ?? 15_000;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.log = options.log;
  }

  private readonly log: Log | undefined;

  start(): void {
    this.stopped = false;
    localScheduleSignal.on(ARMED, this.onArmed);
    this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    localScheduleSignal.off(ARMED, this.onArmed);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Settles once every schedule due now has been delivered (for tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private wake(at: number): void {
    if (this.stopped) return;
    if (this.running) {
      this.woken = Math.min(this.woken ?? at, at);
      return;
    }
    if (this.timerAt === null || at < this.timerAt) this.setTimer(at);
  }

  private setTimer(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => this.tick(), Math.max(0, at - Date.now()));
  }

  private tick(): void {
    if (this.stopped || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = null;
    this.running = this.fireDue()
      .catch((error) => {
        this.log?.error('The local scheduler could not read its schedules', { error: String(error) });
        if (!this.stopped) this.setTimer(Date.now() + 1000);
      })
      .finally(() => {
        this.running = null;
      });
  }

  private async fireDue(): Promise<void> {
    const batch = this.concurrency * 4;
    for (;;) {
      this.woken = null;
      const { due, nextDueAt } = await this.schedules.upcoming(new Date(), batch);
      await this.inParallel(due, (schedule) => this.fire(schedule));
      const woken = this.woken as number | null;
      // More may be due (a full batch, or one armed meanwhile that is due already): look again.
      if (due.length === batch || (woken !== null && woken <= Date.now())) continue;
      if (this.stopped) return;
      const candidates = [Date.now() + this.rescanMs, nextDueAt?.getTime(), woken ?? undefined];
      this.setTimer(Math.min(...candidates.filter((at): at is number => at !== undefined)));
      return;
    }
  }

  private async inParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const item = items[next++];
        if (item !== undefined) await work(item);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, items.length) }, worker));
  }

  private async fire(schedule: PendingSchedule): Promise<void> {
    try {
      await this.deliver(schedule.payload);
      await this.schedules.complete(schedule.name);
    } catch (error) {
      const attempts = schedule.attempts + 1;
      if (attempts >= this.maxAttempts) {
        this.log?.error('SLA check dropped after retries (dead letter)', {
          schedule: schedule.name,
          payload: schedule.payload,
          error: String(error),
        });
        await this.schedules.complete(schedule.name).catch(() => {});
        return;
      }
      this.log?.warn('SLA check failed, retrying', {
        schedule: schedule.name,
        attempts,
        error: String(error),
      });
      await this.schedules
        .retryAt(schedule, new Date(Date.now() + 1000 * 2 ** attempts))
        .catch((retryError) =>
          this.log?.error('Could not re-arm a failed check', { error: String(retryError) }),
        );
    }
  }
}
