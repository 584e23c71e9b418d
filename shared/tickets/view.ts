import { type Caller, isClient } from '#identity/caller.js';
import type { Page } from '#platform/ports.js';
import type { Change, Ticket, TicketEvent, TicketView, UserRef, UserRefView } from './schemas.js';
import type { SlaState, SlaView } from './sla-state.js';

/**
 * What the API shows of stored tickets and their history, per caller: the SLA block without
 * the engine's bookkeeping, and no staff e-mail addresses for clients. Every route that
 * answers with a ticket or its events goes through here.
 */

const person = (ref: UserRef): UserRefView => ({ id: ref.id, email: ref.email, name: ref.name });

/** Staff as a client sees them: a name, no address. */
const staffFor = (ref: UserRef, caller: Caller): UserRefView =>
  isClient(caller) ? { id: ref.id, name: ref.name } : person(ref);

export const slaView = (sla: SlaState): SlaView => ({
  policyId: sla.policyId,
  firstResponseDueAt: sla.firstResponseDueAt,
  resolutionDueAt: sla.resolutionDueAt,
  totalDueAt: sla.totalDueAt,
  firstRespondedAt: sla.firstRespondedAt,
  breaches: sla.breaches.map((breach) => ({ clock: breach.clock, at: breach.at })),
  paused: sla.paused,
});

export const ticketView = (ticket: Ticket, caller: Caller): TicketView => ({
  id: ticket.id,
  reference: ticket.reference,
  subject: ticket.subject,
  description: ticket.description,
  status: ticket.status,
  priority: ticket.priority,
  category: ticket.category,
  tags: ticket.tags,
  queue: ticket.queue,
  orgId: ticket.orgId,
  requester: person(ticket.requester),
  assignee: ticket.assignee && staffFor(ticket.assignee, caller),
  channel: ticket.channel,
  version: ticket.version,
  createdAt: ticket.createdAt,
  updatedAt: ticket.updatedAt,
  sla: slaView(ticket.sla),
  ...(ticket.mergedInto ? { mergedInto: ticket.mergedInto } : {}),
  ...(ticket.followUpOf ? { followUpOf: ticket.followUpOf } : {}),
  ...(ticket.postponedUntil ? { postponedUntil: ticket.postponedUntil } : {}),
  ...(ticket.fields && Object.keys(ticket.fields).length ? { fields: ticket.fields } : {}),
  ...(ticket.noAutoReply ? { noAutoReply: ticket.noAutoReply } : {}),
});

/** An assignee recorded in a change (a UserRef or null), without its address. */
const withoutAddress = (value: unknown): unknown => {
  if (!value || typeof value !== 'object') return value;
  const { email: _, ...rest } = value as Record<string, unknown>;
  return rest;
};

const changeView = (change: Change, caller: Caller): Change =>
  change.field === 'assignee' && isClient(caller)
    ? { field: change.field, from: withoutAddress(change.from), to: withoutAddress(change.to) }
    : change;

/**
 * A history entry as the caller sees it. Actors carry no address; the assignee changes
 * they record do, and clients do not see it.
 */
export const eventView = (event: TicketEvent, caller: Caller): TicketEvent => ({
  ...event,
  changes: event.changes.map((change) => changeView(change, caller)),
});

export const pageView = <T, V>(page: Page<T>, view: (item: T) => V): Page<V> => ({
  items: page.items.map(view),
  nextCursor: page.nextCursor,
});
