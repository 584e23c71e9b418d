import type { Queue } from './queue.js';

/** The queues of the help desk with their ticket counts. */
export interface QueueDirectory {
  list(): Promise<Queue[]>;
}
