import type { Caller } from '#identity/caller.js';
import { Conflict, Contended, PreconditionFailed } from '#platform/errors.js';
import type { TicketChange } from '../ports.js';
import type { Ticket } from '../schemas.js';
import type { TicketDeps } from './deps.js';
import { commit } from './hooks.js';
import { loadVisible } from './visibility.js';

/**
 * Without If-Match a change is recomputed on fresh state when it loses a race, until it lands
 * (RFC 9110: no 412 without a precondition). Every round some writer wins, so a flood of N
 * writers needs at most N rounds; a public reply that moves the status (`answered` ↔ `open`) is
 * a versioned write, so 60 alternating replies race as 60 versioned writers (issue 10, defect 3).
 * Only a change still unwritten after this long is a 409, asking the caller to retry.
 */
const RETRY_BUDGET_MS = 25_000;
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
  const giveUpAt = Date.now() + RETRY_BUDGET_MS;
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
      // A stale version is the caller's 412 when they named one; items kept busy by other
      // writers (Contended) are worth another round either way.
      const again =
        error instanceof Contended || (error instanceof PreconditionFailed && ifMatch === undefined);
      if (!again) throw error;
      if (Date.now() >= giveUpAt) {
        throw new Conflict('The ticket is changing too fast for this change to land: retry in a moment');
      }
      await backoff(attempt);
    }
  }
};
