import { type Caller, isClient, isStaff } from '#identity/caller.js';
import { Conflict, Forbidden, Invalid } from '#platform/errors.js';
import type { PatchTicketBody, Ticket, UserRef } from '../schemas.js';
import { applyPatch, authorOf, makeEvent } from '../ticket.js';
import { isTriage, TRIAGE_ORGANISATION } from '../triage.js';
import type { TicketDeps } from './deps.js';
import { fieldDefinitionsFor, fieldValuesAfter } from './field-values.js';
import { mutate } from './mutate.js';

/** The assignee a patch names: undefined leaves it, null unassigns, 'me' is the caller; only staff can be assigned. */
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

/**
 * A triage ticket's move to an organisation: staff only, from `triage` only, to an organisation
 * that exists. Checked before anything is written; the clients' 403 comes from applyPatch.
 */
const checkMove = async (deps: TicketDeps, caller: Caller, orgId: string | undefined): Promise<void> => {
  if (orgId === undefined || isClient(caller)) return;
  if (!isStaff(caller)) throw new Forbidden('Only staff move a ticket to an organisation');
  if (orgId === TRIAGE_ORGANISATION || !(await deps.organisations.get(orgId))) {
    throw new Invalid(`There is no organisation '${orgId}'`, [
      { path: 'orgId', message: 'Unknown organisation' },
    ]);
  }
};

/**
 * The requester of a triage ticket is a contact created from the mail's sender in the triage
 * organisation: moving the ticket makes them a client contact of the new one, so they follow
 * their ticket there. Done before the ticket's write (a put of the same user is idempotent, so a
 * retry after a failed write repeats it harmlessly); a known client of another organisation stays.
 */
const moveRequester = async (deps: TicketDeps, ticket: Ticket, orgId: string): Promise<void> => {
  const requester = await deps.users.getById(ticket.requester.id);
  if (requester?.role === 'client' && requester.orgId === TRIAGE_ORGANISATION)
    await deps.users.put({ ...requester, orgId });
};

export const patchTicket = async (
  deps: TicketDeps,
  caller: Caller,
  id: string,
  patch: PatchTicketBody,
  ifMatch?: number,
): Promise<Ticket> => {
  const assignee = isClient(caller) ? undefined : await assigneeFor(deps, caller, patch.assignee);
  await checkMove(deps, caller, patch.orgId);
  const definitions = await fieldDefinitionsFor(
    deps,
    patch.fields !== undefined || patch.category !== undefined,
  );
  return mutate(deps, caller, id, ifMatch, async (ticket, now) => {
    const at = now.toISOString();
    const category = patch.category !== undefined ? patch.category : ticket.category;
    const fields = fieldValuesAfter(definitions, caller, ticket.fields, patch.fields, category);
    const { ticket: next, changes } = applyPatch(ticket, patch, caller, assignee, at, fields);
    if (!changes.length) return { change: { ticket, previous: ticket, events: [] }, result: () => ticket };
    if (next.orgId !== ticket.orgId) {
      if (!isTriage(ticket)) {
        throw new Conflict(
          `Ticket ${ticket.reference} belongs to '${ticket.orgId}': only a triage ticket moves`,
          [{ path: 'orgId', message: 'Only a ticket of the triage organisation can change organisation' }],
        );
      }
      await moveRequester(deps, ticket, next.orgId);
    }
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
