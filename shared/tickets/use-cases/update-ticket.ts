import { type Caller, isClient } from '#identity/caller.js';
import { Invalid } from '#platform/errors.js';
import type { PatchTicketBody, Ticket, UserRef } from '../schemas.js';
import { applyPatch, authorOf, makeEvent } from '../ticket.js';
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

export const patchTicket = async (
  deps: TicketDeps,
  caller: Caller,
  id: string,
  patch: PatchTicketBody,
  ifMatch?: number,
): Promise<Ticket> => {
  const assignee = isClient(caller) ? undefined : await assigneeFor(deps, caller, patch.assignee);
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
