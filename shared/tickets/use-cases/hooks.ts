import { onlyAppends, type TicketChange } from '../ports.js';
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

/** Writes a change between the hooks: `prepare` may complete it, `committed` reacts once it is stored. */
export const commit = async (deps: TicketDeps, change: TicketChange, now: Date): Promise<TicketChange> => {
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
