import { createHash } from 'node:crypto';
import { type Caller, isClient } from '#identity/caller.js';
import type { UserDirectory } from '#identity/user.js';
import {
  Conflict,
  Forbidden,
  Invalid,
  NotFound,
  PreconditionFailed,
  Unprocessable,
} from '#platform/errors.js';
import type { Clock, IdGenerator, Page } from '#platform/ports.js';
import {
  IdempotencyKeyTaken,
  type TicketChange,
  type TicketFilters,
  type TicketIndex,
  type TicketStore,
} from './ports.js';
import type {
  CreateTicketBody,
  FeedbackBody,
  ListTicketsQuery,
  Message,
  MessageBody,
  PageQuery,
  PatchTicketBody,
  Queue,
  Ticket,
  TicketEvent,
  UserRef,
} from './schemas.js';
import { emptySla } from './sla-state.js';
import {
  applyPatch,
  authorOf,
  canSee,
  formatReference,
  makeEvent,
  referenceCounter,
  seesInternal,
  transition,
} from './ticket.js';

/**
 * Seams for what reacts to ticket changes (the SLA engine computes the `sla` block before
 * the write and arms timers after it). The default does nothing.
 */
export interface TicketHooks {
  prepare(change: TicketChange, now: Date): Promise<TicketChange>;
  committed(change: TicketChange, now: Date): Promise<void>;
}

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

export interface TicketDeps {
  store: TicketStore;
  users: UserDirectory;
  clock: Clock;
  ids: IdGenerator;
  hooks?: TicketHooks;
}

const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** Without If-Match a change is recomputed on fresh state when it loses a race, up to this many times. */
const MAX_ATTEMPTS = 10;
const backoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** Math.min(attempt, 5)));

const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

export const hashBody = (body: unknown): string =>
  createHash('sha256').update(canonicalJson(body)).digest('hex');

const hooksOf = (deps: TicketDeps) => deps.hooks ?? noHooks;

const commit = async (deps: TicketDeps, change: TicketChange, now: Date): Promise<TicketChange> => {
  const prepared = await hooksOf(deps).prepare(change, now);
  await deps.store.commit(prepared);
  await hooksOf(deps).committed(prepared, now);
  return prepared;
};

/** The ticket if the caller may see it; 404 otherwise, so existence is never revealed. */
export const loadVisible = async (deps: TicketDeps, caller: Caller, id: string): Promise<Ticket> => {
  const ticket = await deps.store.getTicket(id);
  if (!ticket || !canSee(caller, ticket)) throw new NotFound(`No ticket ${id}`);
  return ticket;
};

const requesterFor = async (
  deps: TicketDeps,
  caller: Caller,
  body: CreateTicketBody,
): Promise<{ requester: UserRef; orgId: string }> => {
  if (isClient(caller)) {
    if (body.orgId !== undefined || body.requester !== undefined) {
      throw new Forbidden(
        'Clients open tickets for themselves: orgId and requester are set from your account',
      );
    }
    if (!caller.orgId) throw new Forbidden('Your account belongs to no organisation');
    return { requester: { id: caller.id, email: caller.email, name: caller.name }, orgId: caller.orgId };
  }
  if (!body.requester) {
    if (caller.kind === 'user' && body.orgId) {
      return { requester: { id: caller.id, email: caller.email, name: caller.name }, orgId: body.orgId };
    }
    throw new Invalid('Say who the ticket is for', [
      { path: 'requester', message: 'Required when staff or an integration opens a ticket' },
    ]);
  }
  const known = await deps.users.findByEmail(body.requester.email);
  const orgId = body.orgId ?? known?.orgId ?? undefined;
  if (!orgId) {
    throw new Invalid('Say which organisation the ticket belongs to', [
      { path: 'orgId', message: 'Required when the requester belongs to no known organisation' },
    ]);
  }
  if (known?.orgId && known.orgId !== orgId) {
    throw new Invalid('The requester belongs to another organisation', [
      { path: 'orgId', message: `The requester belongs to '${known.orgId}'` },
    ]);
  }
  const email = body.requester.email.toLowerCase();
  const requester = known
    ? { id: known.id, email: known.email, name: known.name }
    : {
        // An outside contact with no account yet: a stable id derived from the address.
        id: `contact-${createHash('sha256').update(email).digest('hex').slice(0, 24)}`,
        email,
        name: body.requester.name ?? email,
      };
  return { requester, orgId };
};

export const createTicket = async (
  deps: TicketDeps,
  caller: Caller,
  body: CreateTicketBody,
  idempotencyKey?: string,
): Promise<{ ticket: Ticket; replayed: boolean }> => {
  const bodyHash = idempotencyKey ? hashBody(body) : '';
  const replay = async (): Promise<{ ticket: Ticket; replayed: boolean } | null> => {
    if (!idempotencyKey) return null;
    const record = await deps.store.getIdempotency(caller.id, idempotencyKey);
    if (!record) return null;
    if (record.bodyHash !== bodyHash) {
      throw new Unprocessable('This Idempotency-Key was already used with a different request body', [
        { path: 'Idempotency-Key', message: 'Use a new key for a different ticket' },
      ]);
    }
    const ticket = await deps.store.getTicket(record.ticketId);
    if (!ticket) throw new Conflict('The ticket created with this Idempotency-Key no longer exists');
    return { ticket, replayed: true };
  };

  const earlier = await replay();
  if (earlier) return earlier;

  const { requester, orgId } = await requesterFor(deps, caller, body);
  const now = deps.clock.now();
  const at = now.toISOString();
  const year = now.getUTCFullYear();
  const sequence = await deps.store.nextSequence(referenceCounter(year));
  const id = deps.ids.next();
  const ticket: Ticket = {
    id,
    reference: formatReference(year, sequence),
    subject: body.subject,
    description: body.description,
    status: 'new',
    priority: body.priority ?? 'normal',
    category: body.category ?? null,
    tags: [...new Set(body.tags ?? [])],
    queue: body.queue ?? 'general',
    orgId,
    requester,
    assignee: null,
    channel: body.channel ?? (caller.kind === 'integrator' ? 'api' : 'web'),
    version: 1,
    createdAt: at,
    updatedAt: at,
    sla: emptySla(),
  };
  const change: TicketChange = {
    ticket,
    previous: null,
    events: [
      makeEvent({
        id: deps.ids.next(),
        ticketId: id,
        type: 'ticket.created',
        actor: authorOf(caller),
        at,
        changes: [
          { field: 'status', from: null, to: 'new' },
          { field: 'priority', from: null, to: ticket.priority },
          { field: 'queue', from: null, to: ticket.queue },
        ],
      }),
    ],
    ...(idempotencyKey
      ? {
          idempotency: {
            scope: caller.id,
            key: idempotencyKey,
            bodyHash,
            ticketId: id,
            expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
          },
        }
      : {}),
  };
  try {
    const committed = await commit(deps, change, now);
    return { ticket: committed.ticket, replayed: false };
  } catch (error) {
    if (error instanceof IdempotencyKeyTaken) {
      // A concurrent request with the same key won the race: answer with its ticket.
      const winner = await replay();
      if (winner) return winner;
    }
    throw error;
  }
};

export const getTicket = (deps: TicketDeps, caller: Caller, id: string): Promise<Ticket> =>
  loadVisible(deps, caller, id);

/** Picks the most selective index for the filters; the rest are applied as filters on it. */
export const planTicketList = (
  caller: Caller,
  query: ListTicketsQuery,
): { index: TicketIndex; filters: TicketFilters } => {
  const me = (value: string | undefined, field: string): string | undefined => {
    if (value !== 'me') return value;
    if (caller.kind !== 'user')
      throw new Invalid(`'me' names a person`, [{ path: field, message: "An integration cannot use 'me'" }]);
    return caller.id;
  };
  const assigneeParam = me(query.assignee, 'assignee');
  const assigneeId =
    assigneeParam === undefined ? undefined : assigneeParam === 'none' ? null : assigneeParam;
  const requesterId = me(query.requester, 'requester');
  const filters: TicketFilters = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.queue ? { queue: query.queue } : {}),
    ...(assigneeId !== undefined ? { assigneeId } : {}),
    ...(requesterId ? { requesterId } : {}),
    ...(query.priority ? { priority: query.priority } : {}),
    ...(query.category ? { category: query.category } : {}),
    ...(query.tag ? { tag: query.tag } : {}),
    ...(query.q ? { text: query.q.toLowerCase() } : {}),
  };
  if (isClient(caller)) {
    if (!caller.orgId) throw new Forbidden('Your account belongs to no organisation');
    return { index: { by: 'organisation', orgId: caller.orgId }, filters };
  }
  const { status, queue, requesterId: requester, ...rest } = filters;
  if (assigneeId !== undefined) {
    const { assigneeId: _, ...others } = filters;
    return { index: { by: 'assignee', assigneeId }, filters: others };
  }
  if (queue) {
    return {
      index: { by: 'queue', queue, ...(status ? { status } : {}) },
      filters: { ...rest, ...(requester ? { requesterId: requester } : {}) },
    };
  }
  if (requester)
    return {
      index: { by: 'requester', requesterId: requester },
      filters: { ...rest, ...(status ? { status } : {}) },
    };
  if (status) return { index: { by: 'status', status }, filters: rest };
  return { index: { by: 'all' }, filters: rest };
};

export const listTickets = (
  deps: TicketDeps,
  caller: Caller,
  query: ListTicketsQuery,
): Promise<Page<Ticket>> => {
  const plan = planTicketList(caller, query);
  return deps.store.listTickets({
    ...plan,
    limit: query.limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
};

/**
 * Read-compute-write with optimistic locking. With an explicit If-Match a stale version is
 * the caller's 412; without one the change is recomputed on fresh state a few times.
 */
const mutate = async <T>(
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
      return result(await commit(deps, change, now));
    } catch (error) {
      if (error instanceof PreconditionFailed && ifMatch === undefined && attempt < MAX_ATTEMPTS) {
        await backoff(attempt);
        continue;
      }
      throw error;
    }
  }
};

const assigneeFor = async (
  deps: TicketDeps,
  caller: Caller,
  value: string | null | undefined,
): Promise<UserRef | null | undefined> => {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const userId = value === 'me' ? (caller.kind === 'user' ? caller.id : undefined) : value;
  if (!userId)
    throw new Invalid("An integration cannot assign to 'me'", [
      { path: 'assignee', message: 'Give a user id' },
    ]);
  const user = await deps.users.getById(userId);
  if (!user || user.role === 'client') {
    throw new Invalid('The assignee must be an agent, lead or admin', [
      { path: 'assignee', message: `No agent ${userId}` },
    ]);
  }
  return { id: user.id, email: user.email, name: user.name };
};

export const patchTicket = async (
  deps: TicketDeps,
  caller: Caller,
  id: string,
  patch: PatchTicketBody,
  ifMatch?: number,
): Promise<Ticket> => {
  const assignee = isClient(caller) ? undefined : await assigneeFor(deps, caller, patch.assignee);
  return mutate(deps, caller, id, ifMatch, async (ticket, now) => {
    const at = now.toISOString();
    const { ticket: next, changes } = applyPatch(
      ticket,
      patch,
      caller,
      isClient(caller) ? undefined : assignee,
      at,
    );
    if (!changes.length) return { change: { ticket, previous: ticket, events: [] }, result: () => ticket };
    const event = makeEvent({
      id: deps.ids.next(),
      ticketId: id,
      type: 'ticket.updated',
      actor: authorOf(caller),
      at,
      changes,
    });
    return { change: { ticket: next, previous: ticket, events: [event] }, result: (c) => c.ticket };
  });
};

export const addMessage = async (
  deps: TicketDeps,
  caller: Caller,
  id: string,
  body: MessageBody,
  ifMatch?: number,
): Promise<{ message: Message; ticket: Ticket }> => {
  const internal = body.internal ?? false;
  if (internal && !seesInternal(caller))
    throw new Forbidden('Only agents, leads and admins write internal notes');
  return mutate(deps, caller, id, ifMatch, async (ticket, now) => {
    const at = now.toISOString();
    if (!internal && (ticket.status === 'closed' || ticket.status === 'merged')) {
      throw new Conflict(`Ticket ${ticket.reference} is ${ticket.status}: open a new ticket to continue`);
    }
    const message: Message = {
      id: deps.ids.next(),
      ticketId: id,
      author: authorOf(caller),
      body: body.body,
      internal,
      channel: caller.kind === 'integrator' ? 'api' : 'web',
      createdAt: at,
    };
    let next: Ticket = { ...ticket, version: ticket.version + 1, updatedAt: at, sla: { ...ticket.sla } };
    const changes = [];
    if (!internal) {
      const staffReply = seesInternal(caller);
      // The first public reply from the help desk opens a new ticket; a client's reply
      // brings a ticket waiting on them (or a proposed solution) back to work.
      const nextStatus =
        staffReply && ticket.status === 'new'
          ? 'open'
          : !staffReply && (ticket.status === 'pending' || ticket.status === 'resolved')
            ? 'open'
            : ticket.status;
      if (nextStatus !== ticket.status) {
        const moved = transition(next, nextStatus, at);
        next = { ...moved.ticket, version: ticket.version + 1 };
        changes.push(...moved.changes);
      }
      if (staffReply && !next.sla.firstRespondedAt) {
        next.sla.firstRespondedAt = at;
        changes.push({ field: 'sla.firstRespondedAt', from: null, to: at });
      }
    }
    const event = makeEvent({
      id: deps.ids.next(),
      ticketId: id,
      type: internal ? 'note.added' : 'message.added',
      actor: authorOf(caller),
      at,
      changes,
      internal,
      note: message.id,
    });
    return {
      change: { ticket: next, previous: ticket, events: [event], messages: [message] },
      result: (c) => ({ message, ticket: c.ticket }),
    };
  });
};

const collectionScope = (caller: Caller, page: PageQuery) => ({
  includeInternal: seesInternal(caller),
  ...(isClient(caller) ? { orgId: caller.orgId ?? '-' } : {}),
  limit: page.limit,
  ...(page.cursor ? { cursor: page.cursor } : {}),
});

export const listMessages = async (
  deps: TicketDeps,
  caller: Caller,
  id: string,
  page: PageQuery,
): Promise<Page<Message>> => {
  const messages = await deps.store.listMessages(id, collectionScope(caller, page));
  if (!messages) throw new NotFound(`No ticket ${id}`);
  return messages;
};

export const listEvents = async (
  deps: TicketDeps,
  caller: Caller,
  id: string,
  page: PageQuery,
): Promise<Page<TicketEvent>> => {
  const events = await deps.store.listEvents(id, collectionScope(caller, page));
  if (!events) throw new NotFound(`No ticket ${id}`);
  return events;
};

/** A status change driven by a dedicated action (resolve, accept, reopen), with an optional public message. */
const act = (
  deps: TicketDeps,
  caller: Caller,
  id: string,
  ifMatch: number | undefined,
  type: string,
  to: Ticket['status'],
  text: string | undefined,
): Promise<Ticket> =>
  mutate(deps, caller, id, ifMatch, async (ticket, now) => {
    const at = now.toISOString();
    const moved = transition(ticket, to, at);
    const messages: Message[] = text
      ? [
          {
            id: deps.ids.next(),
            ticketId: id,
            author: authorOf(caller),
            body: text,
            internal: false,
            channel: 'web',
            createdAt: at,
          },
        ]
      : [];
    const next = moved.ticket;
    const changes = [...moved.changes];
    if (text && seesInternal(caller) && !next.sla.firstRespondedAt) {
      next.sla = { ...next.sla, firstRespondedAt: at };
      changes.push({ field: 'sla.firstRespondedAt', from: null, to: at });
    }
    const event = makeEvent({
      id: deps.ids.next(),
      ticketId: id,
      type,
      actor: authorOf(caller),
      at,
      changes,
      ...(messages[0] ? { note: messages[0].id } : {}),
    });
    return { change: { ticket: next, previous: ticket, events: [event], messages }, result: (c) => c.ticket };
  });

export const resolveTicket = (
  deps: TicketDeps,
  caller: Caller,
  id: string,
  body: { message?: string | undefined },
  ifMatch?: number,
) => act(deps, caller, id, ifMatch, 'ticket.resolved', 'resolved', body.message);

export const acceptTicket = (deps: TicketDeps, caller: Caller, id: string, ifMatch?: number) =>
  act(deps, caller, id, ifMatch, 'ticket.accepted', 'closed', undefined);

export const reopenTicket = (
  deps: TicketDeps,
  caller: Caller,
  id: string,
  body: { message?: string | undefined },
  ifMatch?: number,
) => act(deps, caller, id, ifMatch, 'ticket.reopened', 'open', body.message);

export const giveFeedback = async (deps: TicketDeps, caller: Caller, id: string, body: FeedbackBody) =>
  mutate(deps, caller, id, undefined, async (ticket, now) => {
    if (ticket.status !== 'resolved' && ticket.status !== 'closed') {
      throw new Conflict(`Feedback is welcome once the ticket is resolved or closed; it is ${ticket.status}`);
    }
    const at = now.toISOString();
    const feedback = {
      ticketId: id,
      rating: body.rating,
      comment: body.comment ?? null,
      createdAt: at,
      author: authorOf(caller),
    };
    const next: Ticket = { ...ticket, version: ticket.version + 1, updatedAt: at };
    const event = makeEvent({
      id: deps.ids.next(),
      ticketId: id,
      type: 'feedback.given',
      actor: authorOf(caller),
      at,
      changes: [{ field: 'feedback.rating', from: null, to: body.rating }],
    });
    return { change: { ticket: next, previous: ticket, events: [event], feedback }, result: () => feedback };
  });

export const listQueues = (deps: TicketDeps): Promise<Queue[]> => deps.store.listQueues();
