import { type Caller, isClient } from '#identity/caller.js';
import { Forbidden, Invalid } from '#platform/errors.js';
import type { Page } from '#platform/ports.js';
import type { TicketFilters, TicketIndex } from '../ports.js';
import type { ListTicketsQuery, Ticket } from '../schemas.js';
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

export const listTickets = (
  deps: TicketDeps,
  caller: Caller,
  query: ListTicketsQuery,
): Promise<Page<Ticket>> => {
  const plan = planTicketList(caller, query);
  return deps.store.listTickets({
    ...plan,
    limit: query.limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
};
