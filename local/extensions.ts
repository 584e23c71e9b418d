import { startSlaScheduler } from './sla-scheduler.js';

/**
 * Background parts of the local runtime beyond the API: the SLA engine's local scheduler.
 * Returns the functions that stop them.
 */
export const startLocalExtensions = async (): Promise<(() => Promise<void>)[]> => {
  const scheduler = startSlaScheduler();
  return [scheduler.stop];
};
