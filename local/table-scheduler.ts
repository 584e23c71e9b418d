import { EventEmitter } from 'node:events';
import {
  BatchWriteCommand,
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

/** The table item of a pending schedule, as `arm` writes it (the burst benchmark writes them in batches). */
export const scheduleItem = (name: string, payload: SlaCheckPayload): Record<string, unknown> => ({
  ...scheduleEntity.item({ name, dueAt: payload.dueAt }),
  name,
  payload,
  dueAt: payload.dueAt,
  attempts: 0,
});

/** BatchWriteItem's limit. */
const DELETES_PER_BATCH = 25;

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
          Item: scheduleItem(name, payload),
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
   * The earliest pending schedules (at most `limit`, from `after` on): those due by `by`, and
   * when the first one not yet due is due (null when there is none among them). One Query
   * serves both; `more` is where to read on when every schedule read was due and more exist.
   */
  async upcoming(
    by: Date,
    limit: number,
    after?: Record<string, unknown>,
  ): Promise<{ due: PendingSchedule[]; nextDueAt: Date | null; more?: Record<string, unknown> }> {
    const spec = scheduleEntity.queries.dueBy();
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        ...keyCondition(spec),
        Limit: limit,
        ...(after ? { ExclusiveStartKey: after } : {}),
      }),
    );
    const schedules = (result.Items ?? []).map(toSchedule);
    const due = schedules.filter((schedule) => new Date(schedule.dueAt).getTime() <= by.getTime());
    const next = schedules[due.length];
    const more = !next && result.LastEvaluatedKey ? result.LastEvaluatedKey : undefined;
    return { due, nextDueAt: next ? new Date(next.dueAt) : null, ...(more ? { more } : {}) };
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

  private completed: string[] = [];

  /**
   * Fired: gone, as EventBridge deletes a completed one-shot schedule. The deletes are written
   * 25 to a BatchWriteItem (a burst of checks costs 1/25 call each for them); the runner flushes
   * the rest when its pass ends, before it reads the schedules again. A schedule whose delete
   * was still buffered at a crash fires again at the next start, which a check shrugs off.
   */
  async complete(name: string): Promise<void> {
    this.completed.push(name);
    if (this.completed.length >= DELETES_PER_BATCH) await this.flushCompleted();
  }

  /** Writes the buffered deletes of fired schedules. */
  async flushCompleted(): Promise<void> {
    while (this.completed.length) {
      let requests = this.completed
        .splice(0, DELETES_PER_BATCH)
        .map((name) => ({ DeleteRequest: { Key: scheduleEntity.key(name) } }));
      while (requests.length) {
        const result = await this.db.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        requests = (result.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
      }
    }
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

/**
 * Checks in flight at once by default. Measured with the burst benchmark (bench/sla-burst.ts)
 * on the 2-core development machine: DynamoDB Local serves the most checks per second between
 * 32 and 64 in flight; past that the checks only queue inside it (docs/sla.md).
 */
export const DEFAULT_CONCURRENCY = 48;

export interface RunnerOptions {
  /** Checks delivered at the same time, at most (EventBridge delivers in parallel too). */
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
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
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

  /**
   * One pass: reads the due schedules page by page, earliest first, and fires them with at most
   * `concurrency` in flight (the next page is read while the last ones of a page run), then
   * waits for the last ones and writes their deletes before it reads the schedules again.
   */
  private async fireDue(): Promise<void> {
    const page = this.concurrency * 2;
    for (;;) {
      this.woken = null;
      const now = new Date();
      const inFlight = new Set<Promise<void>>();
      let nextDueAt: Date | null = null;
      let after: Record<string, unknown> | undefined;
      do {
        const read = await this.schedules.upcoming(now, page, after);
        for (const schedule of read.due) {
          while (inFlight.size >= this.concurrency) await Promise.race(inFlight);
          const firing = this.fire(schedule).finally(() => inFlight.delete(firing));
          inFlight.add(firing);
        }
        nextDueAt = read.nextDueAt;
        after = read.more;
      } while (after && !this.stopped);
      await Promise.all(inFlight);
      await this.schedules.flushCompleted();
      const woken = this.woken as number | null;
      // One armed meanwhile that is due already (the pass may not have seen it): look again.
      if (woken !== null && woken <= Date.now() && !this.stopped) continue;
      if (this.stopped) return;
      const candidates = [Date.now() + this.rescanMs, nextDueAt?.getTime(), woken ?? undefined];
      this.setTimer(Math.min(...candidates.filter((at): at is number => at !== undefined)));
      return;
    }
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
