import type { Caller } from '#identity/caller.js';
import { Conflict, Contended, Invalid, PreconditionFailed } from '#platform/errors.js';
import { MergeTargetMoved, type TicketChange, type TicketMergeStore } from '../ports.js';
import type { MergeBody, Message, Ticket } from '../schemas.js';
import { isFinal } from '../status.js';
import { authorOf, makeEvent, transition } from '../ticket.js';
import type { TicketDeps } from './deps.js';
import { noHooks } from './hooks.js';
import { loadVisible } from './visibility.js';

/**
 * The most messages a merge copies in its one transaction (DynamoDB allows 100 items; the two
 * tickets, their events, a queue count and any SLA breach events take the rest). A longer
 * conversation is a 409: split it by hand (docs/desk.md).
 */
export const MAX_MERGED_MESSAGES = 80;
const MAX_ATTEMPTS = 5;

export type MergeDeps = TicketDeps & { merges: TicketMergeStore };

const intoProblem = (message: string) => [{ path: 'into', message }];

/** Why the target cannot take the source, or null when it can. */
const refusal = (source: Ticket, target: Ticket | null): Error | null => {
  if (!target) return new Invalid('There is no ticket to merge into', intoProblem('No such ticket'));
  if (target.orgId !== source.orgId) {
    return new Conflict(
      `${target.reference} belongs to another organisation: tickets merge only within one`,
      intoProblem('Another organisation’s ticket'),
    );
  }
  if (isFinal(target.status)) {
    return new Conflict(
      `${target.reference} is ${target.status}: merge into a ticket that is still open`,
      intoProblem(`The ticket is ${target.status}`),
    );
  }
  return null;
};

/**
 * Merges a ticket into another (docs/desk.md): in one transaction the source becomes `merged`
 * with `mergedInto`, both histories record it (`ticket.merged`, `ticket.merged-in`) and the
 * source's conversation is copied into the target, each message marked with its `origin`. After
 * the write the SLA hooks cancel the source's timer; the `ticket.merged` event reaches the mail
 * consumer, which tells the requester. `If-Match` is the source's version (412 when stale);
 * without it, a lost race is re-read, so of two concurrent merges of one source one wins and the
 * other finds it merged (409); a target kept busy by other writers (Contended) is tried again too.
 */
export const mergeTicket = async (
  deps: MergeDeps,
  caller: Caller,
  sourceId: string,
  body: MergeBody,
  ifMatch?: number,
): Promise<{ source: Ticket; target: Ticket }> => {
  if (body.into === sourceId)
    throw new Invalid('A ticket cannot be merged into itself', intoProblem('The same ticket'));
  const hooks = deps.hooks ?? noHooks;
  for (let attempt = 1; ; attempt++) {
    const source = await loadVisible(deps, caller, sourceId);
    if (ifMatch !== undefined && source.version !== ifMatch) {
      throw new PreconditionFailed(
        `The ticket is at version ${source.version}, not ${ifMatch}: it changed since you read it. Reload and retry.`,
      );
    }
    if (source.status === 'merged') throw new Conflict(`${source.reference} is already merged`);
    const [target, conversation] = await Promise.all([
      deps.store.getTicket(body.into, { consistent: true }),
      deps.merges.conversationForMerge(sourceId, MAX_MERGED_MESSAGES),
    ]);
    const refused = refusal(source, target);
    if (refused || !target) throw refused;
    if (!conversation) {
      throw new Conflict(
        `${source.reference} has more than ${MAX_MERGED_MESSAGES} messages (or 1 MB of them): too long to merge`,
      );
    }
    const now = deps.clock.now();
    const at = now.toISOString();
    const moved = transition(source, 'merged', at);
    const actor = authorOf(caller);
    const change: TicketChange = {
      ticket: { ...moved.ticket, mergedInto: target.id },
      previous: source,
      events: [
        makeEvent({
          id: deps.ids.next(),
          ticketId: source.id,
          type: 'ticket.merged',
          actor,
          at,
          changes: [...moved.changes, { field: 'mergedInto', from: null, to: target.reference }],
          note: target.id,
        }),
      ],
    };
    const copies: Message[] = conversation.map((message) => ({
      ...message,
      ticketId: target.id,
      origin: message.origin ?? { ticketId: source.id, reference: source.reference },
    }));
    const targetEvent = makeEvent({
      id: deps.ids.next(),
      ticketId: target.id,
      type: 'ticket.merged-in',
      actor,
      at,
      changes: [{ field: 'mergedFrom', from: null, to: source.reference }],
      note: source.id,
    });
    try {
      const prepared = await hooks.prepare(change, now);
      const version = await deps.merges.commitMerge({
        source: prepared,
        target: { previous: target, updatedAt: at, events: [targetEvent], messages: copies },
      });
      const stored = { ...prepared, ticket: { ...prepared.ticket, version } };
      await hooks.committed(stored, now);
      return { source: stored.ticket, target: { ...target, version: target.version + 1, updatedAt: at } };
    } catch (error) {
      const retriable =
        error instanceof MergeTargetMoved ||
        error instanceof Contended ||
        (error instanceof PreconditionFailed && ifMatch === undefined);
      if (!retriable) throw error;
      if (attempt >= MAX_ATTEMPTS)
        throw new Conflict('The tickets are changing too fast to merge: retry in a moment');
    }
  }
};
