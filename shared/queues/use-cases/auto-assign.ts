import { PreconditionFailed } from '#platform/errors.js';
import type { Clock } from '#platform/ports.js';
import { AssigneeAtCapacity, type TicketChange, type TicketStore } from '#tickets/ports.js';
import type { Ticket, TicketEvent } from '#tickets/schemas.js';
import { loadsAssignee } from '#tickets/status.js';
import { makeEvent, systemActor } from '#tickets/ticket.js';
import type { TicketDeps, TicketHooks } from '#tickets/use-cases/deps.js';
import { commit } from '#tickets/use-cases/hooks.js';
import type { Candidate, Roster } from '../ports.js';
import type { QueueDefinition } from '../queue.js';
import { pickAssignee } from '../routing.js';

/** The actor of every assignment routing makes: the history shows it as by the system. */
export const ROUTING_ACTOR = systemActor('Auto-assignment');

/** The queue definitions routing reads (a short per-container cache in the wiring). */
export interface QueueDefinitions {
  definition(queueId: string): Promise<QueueDefinition | null>;
  /** Every queue's definition (one bounded Query). */
  all(): Promise<QueueDefinition[]>;
}

export interface RoutingDeps {
  queues: QueueDefinitions;
  roster: Roster;
  ids: TicketDeps['ids'];
}

/** Statuses in which a ticket waiting in its queue is handed out. */
const routable = (ticket: Ticket): boolean =>
  ticket.assignee === null && (ticket.status === 'new' || ticket.status === 'open');

/**
 * Whether routing looks at this change: a new ticket, a ticket moved to another queue, or one
 * re-queued by the pickup timeout, still unassigned. Unassigning by hand leaves it in the queue.
 */
const routes = (change: TicketChange): boolean =>
  !change.skipAutoAssign &&
  routable(change.ticket) &&
  (change.previous === null ||
    change.previous.queue !== change.ticket.queue ||
    change.events.some((event) => event.type === 'sla.requeued'));

const assignmentEvent = (
  deps: RoutingDeps,
  ticket: Ticket,
  to: Candidate,
  queue: QueueDefinition,
  at: string,
): TicketEvent =>
  makeEvent({
    id: deps.ids.next(),
    ticketId: ticket.id,
    type: 'ticket.updated',
    actor: ROUTING_ACTOR,
    at,
    changes: [{ field: 'assignee', from: null, to: { id: to.id, email: to.email, name: to.name } }],
    internal: true,
    note: `Assigned by queue ${queue.name} (${queue.autoAssign})`,
  });

/** The change with the ticket given to `to`, conditioned on `to` still having room. */
const assigned = (
  deps: RoutingDeps,
  change: TicketChange,
  to: Candidate,
  queue: QueueDefinition,
  at: string,
): TicketChange => ({
  ...change,
  ticket: { ...change.ticket, assignee: { id: to.id, email: to.email, name: to.name } },
  events: [...change.events, assignmentEvent(deps, change.ticket, to, queue, at)],
  capacityCheck: { assigneeId: to.id, capacity: to.capacity },
});

/**
 * Auto-assignment inside the ticket's own transaction (docs/routing.md): on create, on a move to
 * another queue and on a re-queue, the queue's mode picks an agent from a consistent read of its
 * members (one BatchGetItem), and the write's capacity condition keeps the pick honest under
 * concurrency (tickets/use-cases/hooks.ts picks again when it lost).
 */
export const routingHooks = (deps: RoutingDeps): TicketHooks => ({
  async prepare(change, now) {
    if (!routes(change)) return change;
    const queue = await deps.queues.definition(change.ticket.queue);
    if (!queue || queue.autoAssign === 'off' || queue.members.length === 0) return change;
    // A re-queued ticket goes to someone else than the agent who did not pick it up.
    const exclude = new Set(change.previous?.assignee ? [change.previous.assignee.id] : []);
    const to = pickAssignee(queue, change.ticket, await deps.roster.candidates(queue.members), exclude);
    return to ? assigned(deps, change, to, queue, now.toISOString()) : change;
  },
  async committed() {},
});

/** At most this many queued tickets are handed to one agent at once (availability, a freed slot). */
export const MAX_PULL = 5;
/** An agent's queues searched for waiting tickets, at most. */
const MAX_QUEUES_SEARCHED = 10;

/** The tickets waiting unassigned in a queue, oldest first (ids). */
export interface WaitingTickets {
  oldest(queueId: string, status: string, limit: number): Promise<string[]>;
}

export interface PullDeps extends RoutingDeps {
  tickets: TicketDeps;
  store: Pick<TicketStore, 'getTicket'>;
  waiting: WaitingTickets;
  clock: Clock;
}

/**
 * Hands waiting tickets to an agent who has room: after they become available, or when one of
 * their tickets is finished or taken from them. The oldest unassigned tickets of their
 * auto-assigning queues that their skills fit, as many as their free capacity (at most
 * `MAX_PULL`), each in its own versioned transaction with the capacity condition. Bounded: the
 * cached queue list, one BatchGetItem, at most four Queries per queue (new, open; at most
 * `MAX_QUEUES_SEARCHED` queues), one read and one write per ticket handed out or skipped.
 */
export const pullQueuedTickets = async (deps: PullDeps, agentId: string): Promise<Ticket[]> => {
  const [agent] = await deps.roster.candidates([agentId]);
  if (!agent?.active || !agent.available || agent.role === 'client') return [];
  let room = Math.min(MAX_PULL, agent.capacity - agent.openAssigned);
  if (room <= 0) return [];
  const queues = (await deps.queues.all())
    .filter((queue) => queue.autoAssign !== 'off' && queue.members.includes(agentId))
    .slice(0, MAX_QUEUES_SEARCHED);
  const waiting: { id: string; queue: QueueDefinition }[] = [];
  for (const queue of queues) {
    for (const status of ['new', 'open'] as const) {
      for (const id of await deps.waiting.oldest(queue.id, status, MAX_PULL)) waiting.push({ id, queue });
    }
  }
  // Ticket ids are ULIDs: their order is the order the tickets were created in.
  waiting.sort((a, b) => a.id.localeCompare(b.id));
  const given: Ticket[] = [];
  for (const { id, queue } of waiting) {
    if (room <= 0) break;
    const ticket = await deps.store.getTicket(id, { consistent: true });
    if (!ticket || !routable(ticket) || ticket.queue !== queue.id) continue;
    const fits = pickAssignee(queue, ticket, [{ ...agent, openAssigned: agent.capacity - room }]);
    if (!fits) continue;
    const now = deps.clock.now();
    const at = now.toISOString();
    const next: Ticket = { ...ticket, version: ticket.version + 1, updatedAt: at };
    try {
      const change = assigned(deps, { ticket: next, previous: ticket, events: [] }, agent, queue, at);
      const stored = await commit(deps.tickets, { ...change, skipAutoAssign: true }, now);
      given.push(stored.ticket);
      room -= 1;
    } catch (error) {
      // Someone else took the ticket meanwhile: the next one. The agent filled up: done.
      if (error instanceof PreconditionFailed) continue;
      if (error instanceof AssigneeAtCapacity) break;
      throw error;
    }
  }
  return given;
};

/**
 * After a change stored: the agent it took an open ticket from (finished, handed to someone
 * else, unassigned) has room again, and is given the oldest waiting ticket that fits them.
 */
export const freedAgentOf = (change: TicketChange): string | null => {
  if (!change.previous) return null;
  const before = loadsAssignee(change.previous);
  return before && before !== loadsAssignee(change.ticket) ? before : null;
};
