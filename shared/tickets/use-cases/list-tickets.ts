import { type Caller, isClient } from '#identity/caller.js';
import { Forbidden, Invalid } from '#platform/errors.js';
import type { Page } from '#platform/ports.js';
import type { TicketFilters, TicketIndex } from '../ports.js';
import { type ListTicketsQuery, Priority, type Ticket, type TicketSort } from '../schemas.js';
import type { TicketDeps } from './deps.js';

/** Picks the most selective index for the filters; the rest are applied as filters on it. */
export const planTicketList = (
  caller: Caller,
  query: ListTicketsQuery,
): { index: TicketIndex; filters: TicketFilters } => {
  const me = (value: string | undefined, field: string): string | undefined => {
    if (value !== 'me') return value;
    if (caller.kind !== 'user')
      throw new Invalid(`'me' names a person`, [{ path: field, message: "An integration cannot use 'me'" }]);
    return caller.id;
  };
  const assigneeParam = me(query.assignee, 'assignee');
  const assigneeId =
    assigneeParam === undefined ? undefined : assigneeParam === 'none' ? null : assigneeParam;
  const requesterId = me(query.requester, 'requester');
  const filters: TicketFilters = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.queue ? { queue: query.queue } : {}),
    ...(assigneeId !== undefined ? { assigneeId } : {}),
    ...(requesterId ? { requesterId } : {}),
    ...(query.priority ? { priority: query.priority } : {}),
    ...(query.category ? { category: query.category } : {}),
    ...(query.tag ? { tag: query.tag } : {}),
    ...(query.q ? { text: query.q.toLowerCase() } : {}),
  };
  if (isClient(caller)) {
    if (!caller.orgId) throw new Forbidden('Your account belongs to no organisation');
    return { index: { by: 'organisation', orgId: caller.orgId }, filters };
  }
  const { status, queue, requesterId: requester, ...rest } = filters;
  if (assigneeId !== undefined) {
    const { assigneeId: _, ...others } = filters;
    return { index: { by: 'assignee', assigneeId }, filters: others };
  }
  if (queue) {
    return {
      index: { by: 'queue', queue, ...(status ? { status } : {}) },
      filters: { ...rest, ...(requester ? { requesterId: requester } : {}) },
    };
  }
  if (requester)
    return {
      index: { by: 'requester', requesterId: requester },
      filters: { ...rest, ...(status ? { status } : {}) },
    };
  if (status) return { index: { by: 'status', status }, filters: rest };
  return { index: { by: 'all' }, filters: rest };
};

/** The earliest SLA deadline still ahead of the ticket, or null when no clock runs. */
export const nextDueAt = (ticket: Ticket): string | null => {
  const { firstResponseDueAt, resolutionDueAt, totalDueAt, firstRespondedAt } = ticket.sla;
  const due = [firstRespondedAt ? null : firstResponseDueAt, resolutionDueAt, totalDueAt].filter(
    (at): at is string => at !== null,
  );
  return due.length ? due.reduce((a, b) => (a < b ? a : b)) : null;
};

const priorityRank = (ticket: Ticket) => Priority.options.indexOf(ticket.priority);

/** Keys the page is sorted by after it is read; ties keep the index order (newest first). */
const sortKeys: Record<string, (ticket: Ticket) => string | number | null> = {
  updatedAt: (ticket) => ticket.updatedAt,
  priority: priorityRank,
  nextDueAt,
};

/**
 * Sorts a page by a key the index does not order by. DynamoDB reads a page in index order
 * (creation time); a sort by any other key orders the tickets of that page only, so a
 * request stays one bounded Query. Tickets without a value come last either way.
 */
const sortPage = (items: Ticket[], sort: TicketSort): Ticket[] => {
  const descending = sort.startsWith('-');
  const keyOf = sortKeys[descending ? sort.slice(1) : sort];
  if (!keyOf) return items;
  return items
    .map((ticket) => ({ ticket, key: keyOf(ticket) }))
    .sort((a, b) => {
      if (a.key === b.key) return 0;
      if (a.key === null) return 1;
      if (b.key === null) return -1;
      return (a.key < b.key ? -1 : 1) * (descending ? -1 : 1);
    })
    .map(({ ticket }) => ticket);
};

export const listTickets = async (
  deps: TicketDeps,
  caller: Caller,
  query: ListTicketsQuery,
): Promise<Page<Ticket>> => {
  const plan = planTicketList(caller, query);
  const page = await deps.store.listTickets({
    ...plan,
    ...(query.sort === 'createdAt' ? { oldestFirst: true } : {}),
    limit: query.limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return { ...page, items: sortPage(page.items, query.sort) };
};
