import type { Caller } from '#identity/caller.js';
import type { Channel, Message, Ticket } from '../schemas.js';
import { authorOf, makeEvent, transition } from '../ticket.js';
import type { TicketDeps } from './deps.js';
import { mutate } from './mutate.js';
import { newMessage, stampFirstResponse } from './reply.js';

/** A status change driven by a dedicated action (resolve, accept, reopen), with an optional public message. */
const act = (
  deps: TicketDeps,
  caller: Caller,
  id: string,
  ifMatch: number | undefined,
  type: string,
  to: Ticket['status'],
  text: string | undefined,
  channel?: Channel,
): Promise<Ticket> =>
  mutate(deps, caller, id, ifMatch, async (ticket, now) => {
    const at = now.toISOString();
    const moved = transition(ticket, to, at);
    const messages: Message[] = text
      ? [newMessage(caller, { id: deps.ids.next(), ticketId: id, body: text, internal: false, at, channel })]
      : [];
    const stamped = text
      ? stampFirstResponse(moved.ticket, caller, at)
      : { ticket: moved.ticket, changes: [] };
    const event = makeEvent({
      id: deps.ids.next(),
      ticketId: id,
      type,
      actor: authorOf(caller),
      at,
      changes: [...moved.changes, ...stamped.changes],
      ...(messages[0] ? { note: messages[0].id } : {}),
    });
    return {
      change: { ticket: stamped.ticket, previous: ticket, events: [event], messages },
      result: (c) => c.ticket,
    };
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
  body: { message?: string | undefined; channel?: Channel },
  ifMatch?: number,
) => act(deps, caller, id, ifMatch, 'ticket.reopened', 'open', body.message, body.channel);
