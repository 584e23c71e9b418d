import type { QueueDirectory } from '../ports.js';
import type { Queue } from '../queue.js';

/** Every queue with its counts (staff only: the permission table says so). */
export const listQueues = (deps: { queues: QueueDirectory }): Promise<Queue[]> => deps.queues.list();
