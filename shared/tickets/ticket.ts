import { type Caller, isClient } from '#identity/caller.js';
import { Conflict, Forbidden, Invalid } from '#platform/errors.js';
import type { Author, Change, EventActor, PatchTicketBody, Ticket, TicketEvent, UserRef } from './schemas.js';
import { assertTransition, isPausedStatus, type TicketStatus } from './status.js';
import type { FieldValue } from './ticket-fields.js';

/** `HD-2026-000042`: short, human, unique (a per-year atomic counter). */
export const formatReference = (year: number, sequence: number): string =>
  `HD-${year}-${String(sequence).padStart(6, '0')}`;

export const referenceCounter = (year: number): string => `ticket-reference-${year}`;

/** Clients see only their own organisation's tickets; staff and integrators see all. */
export const canSee = (caller: Caller, ticket: Ticket): boolean =>
  !isClient(caller) || (caller.orgId !== null && caller.orgId === ticket.orgId);

export const authorOf = (caller: Caller): Author =>
  caller.kind === 'user'
    ? { id: caller.id, name: caller.name, role: caller.role }
    : { id: caller.id, name: `Integration ${caller.id}`, role: 'integrator' };

export const systemActor = (name = 'SLA engine'): EventActor => ({ id: 'system', name, role: 'system' });

/** Re-exported for the callers that know it from here. */
export { isPausedStatus } from './status.js';

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const clientEditable = new Set(['subject', 'description', 'fields']);

/**
 * Applies a PATCH to a ticket: who may change which field, legal transitions, and the
 * list of changes (before → after) for the history. Pure: returns the next state.
 */
export const applyPatch = (
  ticket: Ticket,
  patch: PatchTicketBody,
  caller: Caller,
  assignee: UserRef | null | undefined,
  now: string,
  /** The custom field values after the change (checked by the caller); undefined leaves them. */
  fields?: Record<string, FieldValue>,
): { ticket: Ticket; changes: Change[] } => {
  if (isClient(caller)) {
    const refused = Object.keys(patch).filter((field) => !clientEditable.has(field));
    if (refused.length)
      throw new Forbidden(
        `Clients may change only subject, description and the fields open to them, not: ${refused.join(', ')}`,
      );
    if (ticket.status !== 'new') {
      throw new Forbidden(
        'Subject and description can be changed only while the ticket is new; add a message instead',
      );
    }
  }
  const next: Ticket = { ...ticket, sla: { ...ticket.sla } };
  const changes: Change[] = [];
  const set = <K extends keyof Ticket>(field: K, value: Ticket[K]) => {
    if (sameValue(next[field], value)) return;
    changes.push({ field, from: next[field], to: value });
    next[field] = value;
  };
  if (patch.subject !== undefined) set('subject', patch.subject);
  if (patch.description !== undefined) set('description', patch.description);
  if (patch.priority !== undefined) set('priority', patch.priority);
  if (patch.queue !== undefined) set('queue', patch.queue);
  if (patch.category !== undefined) set('category', patch.category);
  if (patch.tags !== undefined) set('tags', [...new Set(patch.tags)]);
  if (assignee !== undefined) set('assignee', assignee);
  if (patch.orgId !== undefined) set('orgId', patch.orgId);
  if (fields !== undefined && !sameValue(ticket.fields ?? {}, fields)) {
    changes.push({ field: 'fields', from: ticket.fields ?? {}, to: fields });
    next.fields = fields;
  }
  if (patch.status !== undefined) {
    assertTransition(ticket.status, patch.status);
    set('status', patch.status);
  }
  const postponement = postponementOf(ticket, patch, now);
  if (postponement !== undefined && postponement !== (ticket.postponedUntil ?? null)) {
    changes.push({ field: 'postponedUntil', from: ticket.postponedUntil ?? null, to: postponement });
    if (postponement === null) delete next.postponedUntil;
    else next.postponedUntil = postponement;
  }
  if (changes.length) {
    next.sla.paused = isPausedStatus(next.status);
    next.version = ticket.version + 1;
    next.updatedAt = now;
  }
  return { ticket: next, changes };
};

const invalidPostponement = (message: string) => new Invalid(message, [{ path: 'postponedUntil', message }]);

/**
 * The `postponedUntil` a patch leaves on the ticket: a date in the future while it is (or
 * becomes) `postponed`, null once it leaves that status, undefined when the patch leaves it.
 */
const postponementOf = (ticket: Ticket, patch: PatchTicketBody, now: string): string | null | undefined => {
  const status = patch.status ?? ticket.status;
  if (status !== 'postponed') {
    if (patch.postponedUntil !== undefined)
      throw invalidPostponement("A date is set only with status 'postponed'");
    return ticket.postponedUntil === undefined ? undefined : null;
  }
  if (patch.postponedUntil === undefined) {
    if (ticket.status !== 'postponed') throw invalidPostponement("Give the date with status 'postponed'");
    return undefined;
  }
  if (new Date(patch.postponedUntil).getTime() <= new Date(now).getTime())
    throw invalidPostponement('The date must be in the future');
  return new Date(patch.postponedUntil).toISOString();
};

export const transition = (
  ticket: Ticket,
  status: TicketStatus,
  now: string,
): { ticket: Ticket; changes: Change[] } => {
  // A dedicated action (resolve, accept, reopen) on a ticket already there is a mistake to report, not a no-op.
  if (ticket.status === status) throw new Conflict(`Ticket ${ticket.reference} is already ${status}`);
  assertTransition(ticket.status, status);
  const { postponedUntil, ...rest } = ticket;
  return {
    ticket: {
      ...rest,
      status,
      version: ticket.version + 1,
      updatedAt: now,
      sla: { ...ticket.sla, paused: isPausedStatus(status) },
    },
    // Leaving `postponed` (a dedicated action never enters it) drops its date.
    changes: [
      { field: 'status', from: ticket.status, to: status },
      ...(postponedUntil === undefined ? [] : [{ field: 'postponedUntil', from: postponedUntil, to: null }]),
    ],
  };
};

export const makeEvent = (input: {
  id: string;
  ticketId: string;
  type: string;
  actor: EventActor;
  at: string;
  changes?: Change[];
  internal?: boolean;
  note?: string;
}): TicketEvent => ({
  id: input.id,
  ticketId: input.ticketId,
  type: input.type,
  actor: input.actor,
  at: input.at,
  changes: input.changes ?? [],
  internal: input.internal ?? false,
  ...(input.note ? { note: input.note } : {}),
});
