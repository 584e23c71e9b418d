import type { TicketStore } from '../ports.js';
import type { Ticket } from '../schemas.js';

/** Merges chain (A into B, later B into C); a chain this long is a loop in the data, not a desk. */
const MAX_HOPS = 10;

/**
 * The ticket a message for `ticketId` belongs on: the ticket itself, or, when it was merged, the
 * ticket it continues in, following `mergedInto` (docs/desk.md). The inbound-mail handler finds
 * a reply's ticket by its thread (the ticket id in `In-Reply-To`/`References`, or the reference
 * in the subject) and calls this, so replies to a merged ticket's thread land on the target.
 * One GetItem per hop; null when the ticket does not exist.
 */
export const followMerges = async (
  store: Pick<TicketStore, 'getTicket'>,
  ticketId: string,
): Promise<Ticket | null> => {
  let ticket = await store.getTicket(ticketId, { consistent: true });
  for (let hop = 0; ticket?.mergedInto && hop < MAX_HOPS; hop++) {
    ticket = await store.getTicket(ticket.mergedInto, { consistent: true });
  }
  return ticket;
};
