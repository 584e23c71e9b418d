import type { TicketHooks } from './use-cases.js';

/**
 * Several hooks as one: `prepare` runs in order, each on the change the previous one returned
 * (the SLA engine first, so later hooks see the `sla` block); `committed` runs in the same order.
 */
export const combineHooks = (...hooks: TicketHooks[]): TicketHooks => ({
  async prepare(change, now) {
    let prepared = change;
    for (const hook of hooks) prepared = await hook.prepare(prepared, now);
    return prepared;
  },
  async committed(change, now) {
    for (const hook of hooks) await hook.committed(change, now);
  },
});
