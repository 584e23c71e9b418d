import { createHash } from 'node:crypto';
import { type Caller, isClient } from '#identity/caller.js';
import {
  type ClientChoosableField,
  clientChoosableFields,
  DEFAULT_CLIENT_MAY,
  DEFAULT_QUEUE,
  inDomains,
  type Organisation,
} from '#identity/organisation.js';
import { AppError, Conflict, Forbidden, Invalid, Unprocessable } from '#platform/errors.js';
import { IdempotencyKeyTaken, type TicketChange } from '../ports.js';
import type { Channel, CreateTicketBody, Ticket, UserRef } from '../schemas.js';
import { emptySla } from '../sla-state.js';
import { authorOf, formatReference, makeEvent, referenceCounter } from '../ticket.js';
import type { TicketDeps } from './deps.js';
import { fieldDefinitionsFor, fieldValuesAfter } from './field-values.js';
import { commit } from './hooks.js';
import { hashBody, IDEMPOTENCY_TTL_SECONDS } from './idempotency.js';
import { channelOf, newMessage } from './reply.js';
import { takeAttachments } from './take-attachments.js';

/** The fields a client set on a new ticket that its organisation does not let clients choose: 403, each named. */
const refuseUnchosen = (body: CreateTicketBody, organisation: Organisation | null): void => {
  const allowed: readonly ClientChoosableField[] = organisation?.clientMay ?? DEFAULT_CLIENT_MAY;
  const refused = clientChoosableFields.filter(
    (field) => body[field] !== undefined && !allowed.includes(field),
  );
  if (refused.length) {
    throw new Forbidden(
      `Your organisation does not let clients choose ${refused.join(', ')}: the help desk sets it`,
      refused.map((field) => ({ path: field, message: 'Not yours to choose; leave it out' })),
    );
  }
};

const existingOrganisation = async (deps: TicketDeps, orgId: string): Promise<Organisation> => {
  const organisation = await deps.organisations.get(orgId);
  if (!organisation) {
    throw new Invalid(`There is no organisation '${orgId}'`, [
      { path: 'orgId', message: 'Unknown organisation' },
    ]);
  }
  return organisation;
};

/**
 * Who the ticket is for. A client opens tickets for itself. Staff and integrations name the
 * requester: a known client of the organisation, or an address in one of its e-mail domains
 * (the product mails the requester, so never an arbitrary address, nor a member of staff).
 */
const requesterFor = async (
  deps: TicketDeps,
  caller: Caller,
  body: CreateTicketBody,
): Promise<{ requester: UserRef; orgId: string; organisation: Organisation | null }> => {
  if (isClient(caller)) {
    if (body.orgId !== undefined || body.requester !== undefined) {
      throw new Forbidden(
        'Clients open tickets for themselves: orgId and requester are set from your account',
      );
    }
    if (!caller.orgId) throw new Forbidden('Your account belongs to no organisation');
    const organisation = await deps.organisations.get(caller.orgId);
    refuseUnchosen(body, organisation);
    return {
      requester: { id: caller.id, email: caller.email, name: caller.name },
      orgId: caller.orgId,
      organisation,
    };
  }
  if (!body.requester) {
    throw new Invalid('Say who the ticket is for', [
      {
        path: 'requester',
        message: 'Required when staff or an integration opens a ticket: a client of the organisation',
      },
    ]);
  }
  const email = body.requester.email.toLowerCase();
  const known = await deps.users.findByEmail(email);
  if (known && known.role !== 'client') {
    throw new Invalid('A member of staff cannot be the requester of a client ticket', [
      { path: 'requester', message: `${known.email} is a member of staff` },
    ]);
  }
  const orgId = body.orgId ?? known?.orgId ?? undefined;
  if (!orgId) {
    throw new Invalid('Say which organisation the ticket belongs to', [
      { path: 'orgId', message: 'Required when the requester belongs to no known organisation' },
    ]);
  }
  const organisation = await existingOrganisation(deps, orgId);
  if (known?.orgId && known.orgId !== orgId) {
    throw new Invalid('The requester belongs to another organisation', [
      { path: 'orgId', message: `The requester belongs to '${known.orgId}'` },
    ]);
  }
  if (!known?.orgId && !inDomains(organisation, email)) {
    throw new Invalid(`The requester is not of organisation '${orgId}'`, [
      {
        path: 'requester.email',
        message: `Neither a user of '${orgId}' nor an address in its domains (${organisation.domains.join(', ') || 'none'})`,
      },
    ]);
  }
  const requester = known
    ? { id: known.id, email: known.email, name: known.name }
    : {
        // An outside contact with no account yet: a stable id derived from the address.
        id: `contact-${createHash('sha256').update(email).digest('hex').slice(0, 24)}`,
        email,
        name: body.requester.name ?? email,
      };
  return { requester, orgId, organisation };
};

/**
 * What the help desk itself decides about a new ticket, not its author (so a client's
 * organisation settings do not apply): the inbound-mail handler opens mail tickets with channel
 * `email`, unknown senders' in the triage queue, follow-ups of closed tickets linked to them,
 * and automatic mails without an acknowledgement (docs/inbound-mail.md).
 */
export interface DeskDecided {
  channel?: Channel;
  queue?: string;
  followUpOf?: string;
  noAutoReply?: boolean;
  /**
   * The files that came with the request (a mail's), stored under `ticketId` before the ticket
   * exists: they open the conversation as the ticket's first message, written in the create's
   * own transaction, which `ticket.created` names in `note`, so the acknowledgement can list
   * them (docs/mail.md). At most MAX_MESSAGE_ATTACHMENTS.
   */
  opening?: { ticketId: string; attachmentIds: readonly string[] };
}

export const createTicket = async (
  deps: TicketDeps,
  caller: Caller,
  body: CreateTicketBody,
  idempotencyKey?: string,
  decided: DeskDecided = {},
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

  // Everything that can refuse the request is checked before the ticket takes a reference
  // number, so a refused create writes nothing (not even a counter block). The queue is read
  // once per container (queues are never deleted); the transaction's condition on the queue
  // count refuses an unknown queue with the same 400 should it get that far.
  const { requester, orgId, organisation } = await requesterFor(deps, caller, body);
  const definitions = await fieldDefinitionsFor(deps, true);
  const fields = fieldValuesAfter(definitions, caller, {}, body.fields, body.category ?? null) ?? {};
  // Unnamed, the queue is the organisation's default (docs/admin.md), else `general`.
  const queue = decided.queue ?? body.queue ?? organisation?.defaultQueue ?? DEFAULT_QUEUE;
  if (!(await deps.store.queueExists(queue))) {
    throw new Invalid(`There is no queue '${queue}'`, [
      { path: 'queue', message: 'Unknown queue; see GET /api/v1/queues' },
    ]);
  }
  const now = deps.clock.now();
  const at = now.toISOString();
  const year = now.getUTCFullYear();
  const id = decided.opening?.ticketId ?? deps.ids.next();
  const opening = decided.opening?.attachmentIds.length
    ? newMessage(caller, {
        id: deps.ids.next(),
        ticketId: id,
        body: '',
        internal: false,
        at,
        attachments: await takeAttachments(deps, caller, id, decided.opening.attachmentIds),
        channel: decided.channel ?? body.channel,
      })
    : null;
  const counter = referenceCounter(year);
  const sequence = await deps.store.nextSequence(counter);
  const ticket: Ticket = {
    id,
    reference: formatReference(year, sequence),
    subject: body.subject,
    description: body.description,
    status: 'new',
    priority: body.priority ?? 'normal',
    category: body.category ?? null,
    tags: [...new Set(body.tags ?? [])],
    queue,
    orgId,
    requester,
    assignee: null,
    channel: decided.channel ?? body.channel ?? channelOf(caller),
    version: 1,
    createdAt: at,
    updatedAt: at,
    sla: emptySla(),
    ...(Object.keys(fields).length ? { fields } : {}),
    ...(decided.followUpOf ? { followUpOf: decided.followUpOf } : {}),
    ...(decided.noAutoReply ? { noAutoReply: true as const } : {}),
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
        ...(opening ? { note: opening.id } : {}),
      }),
    ],
    ...(opening ? { messages: [opening] } : {}),
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
    // Refused, so not written: the number goes back (a refused create leaves no gap). After
    // any other error the write may have happened, and the number stays used.
    if (error instanceof AppError || error instanceof IdempotencyKeyTaken)
      deps.store.returnSequence(counter, sequence);
    if (error instanceof IdempotencyKeyTaken) {
      // A concurrent request with the same key won the race: answer with its ticket.
      const winner = await replay();
      if (winner) return winner;
    }
    throw error;
  }
};
