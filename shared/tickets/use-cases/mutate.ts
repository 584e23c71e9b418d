import type { Caller } from '#identity/caller.js';
import { Conflict, PreconditionFailed } from '#platform/errors.js';
import type { TicketChange } from '../ports.js';
import type { Ticket } from '../schemas.js';
import type { TicketDeps } from './deps.js';
import { commit } from './hooks.js';
import { loadVisible } from './visibility.js';

/**
 * Without If-Match a change is recomputed on fresh state when it loses a race, up to this many
 * times. Every round some writer wins, and appends (messages, notes) take no version at all, so
 * only a flood of changes to the ticket's own fields exhausts it: then 409, never 412 (the
 * caller set no precondition).
 */
const MAX_ATTEMPTS = 10;
const backoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** Math.min(attempt, 5)));

/**
 * Read-compute-write with optimistic locking. With an explicit If-Match a stale version is
 * the caller's 412; without one the change is recomputed on fresh state a few times.
 * A `compute` that returns the ticket unchanged writes nothing.
 */
export const mutate = async <T>(
  deps: TicketDeps,
  caller: Caller,
  id: string,
  ifMatch: number | undefined,
  compute: (
    ticket: Ticket,
    now: Date,
  ) => Promise<{ change: TicketChange; result: (committed: TicketChange) => T }>,
): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    const ticket = await loadVisible(deps, caller, id);
    if (ifMatch !== undefined && ticket.version !== ifMatch) {
      throw new PreconditionFailed(
        `The ticket is at version ${ticket.version}, not ${ifMatch}: it changed since you read it. Reload and retry.`,
      );
    }
    const now = deps.clock.now();
    const { change, result } = await compute(ticket, now);
    if (change.ticket === ticket) return result(change);
    try {
      return result(await commit(deps, { ...change, appendWithoutVersion: ifMatch === undefined }, now));
    } catch (error) {
      if (!(error instanceof PreconditionFailed) || ifMatch !== undefined) throw error;
      if (attempt >= MAX_ATTEMPTS) {
        throw new Conflict('The ticket is changing too fast for this change to land: retry in a moment');
      }
      await backoff(attempt);
    }
  }
};
