import type { SlaCheckPayload } from './payload.js';

/**
 * One-shot timers that deliver an SLA check at its due time (EventBridge Scheduler in the
 * cloud, an in-process scheduler locally). Both operations are idempotent so a retried
 * request never leaves a second timer behind.
 */
export interface Scheduler {
  /** Creates the timer `name` firing `payload` at `payload.dueAt`; a timer of that name already armed counts as done. */
  arm(name: string, payload: SlaCheckPayload): Promise<void>;
  /** Deletes the timer; one that already fired or was deleted counts as done. */
  cancel(name: string): Promise<void>;
}
