import { createHash } from 'node:crypto';
import type { Caller } from '#identity/caller.js';
import { NotFound, PreconditionFailed } from '#platform/errors.js';
import type { Clock } from '#platform/ports.js';
import type { TicketErasure, TicketErasureStore, TicketStore } from '../ports.js';
import type { TicketDeletion } from '../schemas.js';

export interface DeleteTicketDeps {
  store: Pick<TicketStore, 'getTicket'>;
  erasures: TicketErasureStore;
  clock: Clock;
}

/** Without If-Match a change landing between the read and the delete is read again, this often. */
const MAX_ATTEMPTS = 3;

const answer = (erasure: TicketErasure): TicketDeletion => ({
  id: erasure.ticketId,
  reference: erasure.reference,
  status: erasure.erasedAt ? 'deleted' : 'deleting',
});

/**
 * Deletes a ticket (spam, a mistaken mail, an erasure request; docs/api.md). The request does a
 * constant amount of work however long the ticket is: one read and one transaction take the
 * ticket out of every list, count and lookup and leave its trace; the `ticket-erasure` stream
 * consumer erases the rest (docs/change-events.md). The permission table lets only leads and
 * admins here. Repeating it is harmless: a deleted ticket answers with its trace.
 * With `ifMatch` the ticket must still be at that version (412 otherwise, nothing written).
 */
export const deleteTicket = async (
  deps: DeleteTicketDeps,
  caller: Caller,
  ticketId: string,
  ifMatch: number | undefined,
): Promise<TicketDeletion> => {
  for (let attempt = 1; ; attempt++) {
    const ticket = await deps.store.getTicket(ticketId, { consistent: true });
    if (!ticket) {
      const erased = await deps.erasures.getErasure(ticketId);
      if (erased) return answer(erased);
      throw new NotFound(`No ticket ${ticketId}`);
    }
    if (ifMatch !== undefined && ticket.version !== ifMatch) {
      throw new PreconditionFailed(
        `The ticket is at version ${ticket.version}, not ${ifMatch}: reload before deleting it`,
      );
    }
    const erasure: TicketErasure = {
      ticketId: ticket.id,
      reference: ticket.reference,
      orgId: ticket.orgId,
      subjectSha256: createHash('sha256').update(ticket.subject).digest('hex'),
      deletedBy:
        caller.kind === 'user'
          ? { id: caller.id, name: caller.name, role: caller.role }
          : { id: caller.id, name: caller.id, role: 'integrator' },
      deletedAt: deps.clock.now().toISOString(),
    };
    try {
      await deps.erasures.erase(ticket, erasure);
      return answer(erasure);
    } catch (error) {
      if (!(error instanceof PreconditionFailed) || ifMatch !== undefined || attempt >= MAX_ATTEMPTS)
        throw error;
    }
  }
};
