import { AssigneeAtCapacity, onlyAppends, type TicketChange } from '../ports.js';
import type { TicketDeps, TicketHooks } from './deps.js';

export const noHooks: TicketHooks = {
  prepare: async (change) => change,
  committed: async () => {},
};

/** Runs hooks in order: each `prepare` sees the previous one's result; `committed` runs for all. */
export const composeHooks = (...hooks: TicketHooks[]): TicketHooks => ({
  prepare: async (change, now) => {
    let prepared = change;
    for (const hook of hooks) prepared = await hook.prepare(prepared, now);
    return prepared;
  },
  committed: async (change, now) => {
    for (const hook of hooks) await hook.committed(change, now);
  },
});

/** An auto-assignment that lost its agent's last free slot is chosen again this many times, then left queued. */
const MAX_ASSIGNMENT_ATTEMPTS = 4;

/**
 * Writes a change between the hooks: `prepare` may complete it, `committed` reacts once it is
 * stored. When `prepare` auto-assigned the ticket and the agent filled up meanwhile (another
 * request took their last slot), `prepare` runs again on fresh loads; the last try leaves the
 * ticket in its queue.
 */
export const commit = async (deps: TicketDeps, change: TicketChange, now: Date): Promise<TicketChange> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await commitOnce(
        deps,
        attempt < MAX_ASSIGNMENT_ATTEMPTS ? change : { ...change, skipAutoAssign: true },
        now,
      );
    } catch (error) {
      if (!(error instanceof AssigneeAtCapacity) || attempt >= MAX_ASSIGNMENT_ATTEMPTS) throw error;
    }
  }
};

const commitOnce = async (deps: TicketDeps, change: TicketChange, now: Date): Promise<TicketChange> => {
  const hooks = deps.hooks ?? noHooks;
  // A change that only adds a message or note (decided before the hooks: the SLA engine
  // checkpoints its running clocks on every change, which is bookkeeping, not a change of the
  // ticket) is stored as an append: the ticket's fields stay as stored, the timer as armed.
  const append = !!change.appendWithoutVersion && onlyAppends(change);
  const completed = await hooks.prepare(change, now);
  const prepared: TicketChange = append
    ? { ...completed, ticket: change.ticket, events: change.events, appendWithoutVersion: true }
    : { ...completed, appendWithoutVersion: false };
  const version = await deps.store.commit(prepared);
  const stored = { ...prepared, ticket: { ...prepared.ticket, version } };
  await hooks.committed(stored, now);
  return stored;
};
