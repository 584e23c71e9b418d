import { type Caller, isClient, isStaff } from '#identity/caller.js';
import { Forbidden, Invalid } from '#platform/errors.js';
import type { Page } from '#platform/ports.js';
import type { SearchWindow, TicketFilters, TicketIndex } from '../ports.js';
import { type ListTicketsQuery, Priority, type Ticket, type TicketSort } from '../schemas.js';
import { canSee } from '../ticket.js';
import { fieldValueMatches, parseFieldFilter } from '../ticket-fields.js';
import type { TicketDeps } from './deps.js';

/** The filters of a list query, `me` resolved to the caller. */
const listFilters = (caller: Caller, query: ListTicketsQuery): TicketFilters => {
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
    ...(query.field ? { field: parseFieldFilter(query.field) } : {}),
    ...(query.q ? { text: query.q.toLowerCase() } : {}),
  };
  return filters;
};

/** Picks the most selective index for the filters; the rest are applied as filters on it. */
export const planTicketList = (
  caller: Caller,
  query: ListTicketsQuery,
): { index: TicketIndex; filters: TicketFilters } => {
  const filters = listFilters(caller, query);
  const { assigneeId } = filters;
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

/** Whether a ticket as read still passes the list filters (a search match may lag a change). */
export const matchesFilters = (ticket: Ticket, filters: TicketFilters): boolean =>
  (filters.status === undefined || ticket.status === filters.status) &&
  (filters.queue === undefined || ticket.queue === filters.queue) &&
  (filters.assigneeId === undefined || (ticket.assignee?.id ?? null) === filters.assigneeId) &&
  (filters.requesterId === undefined || ticket.requester.id === filters.requesterId) &&
  (filters.orgId === undefined || ticket.orgId === filters.orgId) &&
  (filters.priority === undefined || ticket.priority === filters.priority) &&
  (filters.category === undefined || ticket.category === filters.category) &&
  (filters.tag === undefined || ticket.tags.includes(filters.tag)) &&
  (filters.field === undefined || fieldValueMatches(ticket.fields, filters.field));

/**
 * `q` through the search index: a page of matching ids (relevance first unless `sort`), then
 * the tickets themselves (read together: one BatchGetItem), each checked again against who may
 * see it and the filters, since the index follows the change stream a moment behind.
 */
const searchTickets = async (
  deps: TicketDeps & { search: NonNullable<TicketDeps['search']> },
  caller: Caller,
  query: ListTicketsQuery & { q: string },
): Promise<TicketListPage> => {
  if (isClient(caller) && !caller.orgId) throw new Forbidden('Your account belongs to no organisation');
  const allFilters = listFilters(caller, { ...query, q: undefined });
  const page = await deps.search.search({
    text: query.q,
    ...(isClient(caller) ? { orgId: caller.orgId ?? '-' } : {}),
    includeInternal: isStaff(caller),
    filters: allFilters,
    ...(query.sort ? { sort: query.sort } : {}),
    ...(query.createdFrom ? { createdFrom: query.createdFrom } : {}),
    ...(query.createdTo ? { createdTo: query.createdTo } : {}),
    limit: query.limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const tickets = await Promise.all(page.items.map((id) => deps.store.getTicket(id)));
  return {
    items: tickets.filter(
      (ticket): ticket is Ticket =>
        ticket !== null && canSee(caller, ticket) && matchesFilters(ticket, allFilters),
    ),
    nextCursor: page.nextCursor,
    searched: page.searched,
  };
};

/** A list page; a search's also says which creation window it searched. */
export type TicketListPage = Page<Ticket> & { searched?: SearchWindow };

export const listTickets = async (
  deps: TicketDeps,
  caller: Caller,
  query: ListTicketsQuery,
): Promise<TicketListPage> => {
  const { search } = deps;
  if (query.q !== undefined && search)
    return searchTickets({ ...deps, search }, caller, { ...query, q: query.q });
  for (const bound of ['createdFrom', 'createdTo'] as const) {
    if (query[bound] !== undefined)
      throw new Invalid(`${bound} bounds a search`, [
        { path: bound, message: `${bound} applies with q only` },
      ]);
  }
  const sort = query.sort ?? '-createdAt';
  const plan = planTicketList(caller, query);
  const page = await deps.store.listTickets({
    ...plan,
    ...(sort === 'createdAt' ? { oldestFirst: true } : {}),
    limit: query.limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return { ...page, items: sortPage(page.items, sort) };
};
