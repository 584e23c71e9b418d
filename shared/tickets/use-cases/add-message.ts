import { type Caller, isStaff } from '#identity/caller.js';
import { Conflict, Forbidden } from '#platform/errors.js';
import type { Change, Message, MessageBody, Ticket } from '../schemas.js';
import { isFinal } from '../status.js';
import { authorOf, makeEvent, transition } from '../ticket.js';
import type { TicketDeps } from './deps.js';
import { mutate } from './mutate.js';
import { newMessage, stampFirstResponse } from './reply.js';

export const addMessage = async (
  deps: TicketDeps,
  caller: Caller,
  id: string,
  body: MessageBody,
  ifMatch?: number,
): Promise<{ message: Message; ticket: Ticket }> => {
  const internal = body.internal ?? false;
  if (internal && !isStaff(caller)) throw new Forbidden('Only agents, leads and admins write internal notes');
  return mutate(deps, caller, id, ifMatch, async (ticket, now) => {
    const at = now.toISOString();
    if (!internal && isFinal(ticket.status)) {
      throw new Conflict(`Ticket ${ticket.reference} is ${ticket.status}: open a new ticket to continue`);
    }
    const message = newMessage(caller, { id: deps.ids.next(), ticketId: id, body: body.body, internal, at });
    let next: Ticket = { ...ticket, version: ticket.version + 1, updatedAt: at, sla: { ...ticket.sla } };
    const changes: Change[] = [];
    if (!internal) {
      const staffReply = isStaff(caller);
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
      const stamped = stampFirstResponse(next, caller, at);
      next = stamped.ticket;
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
      change: { ticket: next, previous: ticket, events: [event], messages: [message] },
      result: (c) => ({ message, ticket: c.ticket }),
    };
  });
};
