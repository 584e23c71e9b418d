import type { Queue } from '../schemas.js';
import type { TicketDeps } from './deps.js';

export const listQueues = (deps: TicketDeps): Promise<Queue[]> => deps.store.listQueues();
