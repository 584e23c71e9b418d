import { createHash } from 'node:crypto';
import { type Caller, isClient } from '#identity/caller.js';
import { Conflict, Forbidden, Invalid, Unprocessable } from '#platform/errors.js';
import { IdempotencyKeyTaken, type TicketChange } from '../ports.js';
import type { CreateTicketBody, Ticket, UserRef } from '../schemas.js';
import { emptySla } from '../sla-state.js';
import { authorOf, formatReference, makeEvent, referenceCounter } from '../ticket.js';
import type { TicketDeps } from './deps.js';
import { commit } from './hooks.js';
import { hashBody, IDEMPOTENCY_TTL_SECONDS } from './idempotency.js';
import { channelOf } from './reply.js';

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
    channel: body.channel ?? channelOf(caller),
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
