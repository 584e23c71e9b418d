import type { Caller } from '#identity/caller.js';
import { Conflict } from '#platform/errors.js';
import type { Feedback, FeedbackBody, Ticket } from '../schemas.js';
import { authorOf, makeEvent } from '../ticket.js';
import type { TicketDeps } from './deps.js';
import { mutate } from './mutate.js';

export const giveFeedback = async (
  deps: TicketDeps,
  caller: Caller,
  id: string,
  body: FeedbackBody,
): Promise<Feedback> =>
  mutate(deps, caller, id, undefined, async (ticket, now) => {
    if (ticket.status !== 'resolved' && ticket.status !== 'closed') {
      throw new Conflict(`Feedback is welcome once the ticket is resolved or closed; it is ${ticket.status}`);
    }
    const at = now.toISOString();
    const feedback: Feedback = {
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
