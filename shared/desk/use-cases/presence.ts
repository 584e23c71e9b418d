import type { Caller } from '#identity/caller.js';
import { NotFound } from '#platform/errors.js';
import type { Clock } from '#platform/ports.js';
import type { TicketStore } from '#tickets/ports.js';
import type { PresenceStore } from '../ports.js';
import { expiryOf, nowInSeconds, type Presence, type PresenceBody } from '../presence.js';

export interface PresenceDeps {
  presence: PresenceStore;
  tickets: Pick<TicketStore, 'getTicket'>;
  clock: Clock;
}

/**
 * A heartbeat: the caller is viewing or replying to the ticket for the next 30 s. `since` is
 * kept while the state stays the same, so "Anna is replying…" says since when. Two DynamoDB
 * calls: one BatchGetItem (the ticket exists? the caller's last record) and one PutItem.
 */
export const heartbeat = async (
  deps: PresenceDeps,
  caller: Caller,
  ticketId: string,
  body: PresenceBody,
): Promise<void> => {
  const now = deps.clock.now();
  const { ticketExists, own } = await deps.presence.ownAndTicket(ticketId, caller.id);
  if (!ticketExists) throw new NotFound(`No ticket ${ticketId}`);
  const continues = own && own.state === body.state && own.expiresAt > nowInSeconds(now);
  await deps.presence.put(ticketId, {
    user: { id: caller.id, name: caller.kind === 'user' ? caller.name : caller.id },
    state: body.state,
    since: continues ? own.since : now.toISOString(),
    lastSeen: now.toISOString(),
    expiresAt: expiryOf(now),
  });
};

/** The other people on the ticket whose last heartbeat is under 30 s old (2 calls, in parallel). */
export const whoIsHere = async (
  deps: PresenceDeps,
  caller: Caller,
  ticketId: string,
): Promise<Presence[]> => {
  const now = deps.clock.now();
  const [ticket, records] = await Promise.all([
    deps.tickets.getTicket(ticketId),
    deps.presence.list(ticketId, nowInSeconds(now)),
  ]);
  if (!ticket) throw new NotFound(`No ticket ${ticketId}`);
  return records
    .filter((record) => record.user.id !== caller.id)
    .sort((a, b) => a.since.localeCompare(b.since))
    .map(({ user, state, since }) => ({ user, state, since }));
};
