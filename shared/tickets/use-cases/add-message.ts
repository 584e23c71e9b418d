import { type Caller, isStaff } from '#identity/caller.js';
import { Conflict, Forbidden } from '#platform/errors.js';
import { IdempotencyKeyTaken } from '../ports.js';
import type { Change, Channel, Message, MessageBody, Ticket } from '../schemas.js';
import { isFinal, type TicketStatus } from '../status.js';
import { authorOf, makeEvent, transition } from '../ticket.js';
import type { TicketDeps } from './deps.js';
import { hashBody, idempotencyRecord, keyReusedElsewhere } from './idempotency.js';
import { mutate } from './mutate.js';
import { newMessage, stampFirstResponse } from './reply.js';
import { takeAttachments } from './take-attachments.js';
import { loadVisible } from './visibility.js';

/**
 * A public reply from the help desk to a ticket it works on (new or open) now awaits the
 * client: `answered`. Pending, on hold, postponed and resolved tickets keep their status.
 */
const afterStaffReply = (status: TicketStatus): TicketStatus =>
  status === 'new' || status === 'open' ? 'answered' : status;

/** A client's message brings a ticket waiting on them (or a proposed solution) back to work. */
const afterClientMessage = (status: TicketStatus): TicketStatus =>
  status === 'answered' || status === 'pending' || status === 'resolved' ? 'open' : status;

type Added = { message: Message; ticket: Ticket; replayed: boolean };

/**
 * A message as the use case takes it: the API's body, whose `channel` staff set for a logged
 * call or chat, or `email` from the inbound-mail handler (docs/inbound-mail.md).
 */
export type NewMessage = Omit<MessageBody, 'channel'> & {
  channel?: Channel | undefined;
  /** A mail's whole text, when the body is only its new part. */
  original?: string | undefined;
};

/** The message an earlier request with the same Idempotency-Key created, or null when the key is new. */
const replayOf = async (
  deps: TicketDeps,
  caller: Caller,
  id: string,
  key: string,
  bodyHash: string,
): Promise<Added | null> => {
  const record = await deps.store.getIdempotency(caller.id, key);
  if (!record) return null;
  if (record.bodyHash !== bodyHash || record.ticketId !== id || !record.messageId) throw keyReusedElsewhere();
  const ticket = await loadVisible(deps, caller, id);
  const message = await deps.store.getMessage(id, record.messageId);
  if (!message) throw new Conflict('The message created with this Idempotency-Key no longer exists');
  return { message, ticket, replayed: true };
};

export const addMessage = async (
  deps: TicketDeps,
  caller: Caller,
  id: string,
  body: NewMessage,
  ifMatch?: number,
  idempotencyKey?: string,
): Promise<Added> => {
  const internal = body.internal ?? false;
  if (internal && !isStaff(caller)) throw new Forbidden('Only agents, leads and admins write internal notes');
  if ((body.channel === 'phone' || body.channel === 'chat') && !isStaff(caller)) {
    throw new Forbidden('Only agents, leads and admins log calls and chats', [
      { path: 'channel', message: 'Leave it out' },
    ]);
  }
  // The ticket is part of what the key stands for: the same text on another ticket is another request.
  const bodyHash = idempotencyKey ? hashBody({ reply: { ticketId: id, ...body } }) : '';
  if (idempotencyKey) {
    const earlier = await replayOf(deps, caller, id, idempotencyKey, bodyHash);
    if (earlier) return earlier;
  }
  const added = mutate(deps, caller, id, ifMatch, async (ticket, now) => {
    const at = now.toISOString();
    if (!internal && isFinal(ticket.status)) {
      throw new Conflict(`Ticket ${ticket.reference} is ${ticket.status}: open a new ticket to continue`);
    }
    const attachments = body.attachmentIds ? await takeAttachments(deps, caller, id, body.attachmentIds) : [];
    const message = newMessage(caller, {
      id: deps.ids.next(),
      ticketId: id,
      body: body.body ?? '',
      internal,
      at,
      attachments,
      channel: body.channel,
      original: body.original,
    });
    let next: Ticket = { ...ticket, version: ticket.version + 1, updatedAt: at, sla: { ...ticket.sla } };
    const changes: Change[] = [];
    if (!internal) {
      const staffReply = isStaff(caller);
      const nextStatus = staffReply ? afterStaffReply(ticket.status) : afterClientMessage(ticket.status);
      if (nextStatus !== ticket.status) {
        const moved = transition(next, nextStatus, at);
        next = { ...moved.ticket, version: ticket.version + 1 };
        changes.push(...moved.changes);
      }
      const stamped = stampFirstResponse(next, caller, at);
      // Idleness counts from the last public message (docs/automation.md, ticket.idle).
      next = { ...stamped.ticket, sla: { ...stamped.ticket.sla, lastPublicMessageAt: at } };
      changes.push(...stamped.changes);
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
      change: {
        ticket: next,
        previous: ticket,
        events: [event],
        messages: [message],
        ...(idempotencyKey
          ? {
              idempotency: idempotencyRecord(
                { scope: caller.id, key: idempotencyKey, bodyHash, ticketId: id, messageId: message.id },
                now,
              ),
            }
          : {}),
      },
      result: (c): Added => ({ message, ticket: c.ticket, replayed: false }),
    };
  });
  return added.catch(async (error: unknown) => {
    if (error instanceof IdempotencyKeyTaken && idempotencyKey) {
      // A concurrent request with the same key won the race: answer with its message.
      const winner = await replayOf(deps, caller, id, idempotencyKey, bodyHash);
      if (winner) return winner;
    }
    throw error;
  });
};
