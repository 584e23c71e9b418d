import type { TicketFilters } from '../../api/endpoints.js';
import type { NewSavedView, SavedView, Ticket } from '../../api/types.js';
import { readWindow, windowQuery } from '../tickets/search-window.js';

/** The queue view's filters, kept in the address so a view can be bookmarked, shared and reloaded. */
export interface QueueFilters {
  queue: string;
  /** '' = all active statuses (the default), 'any', or one status. */
  status: string;
  /** '' = anyone, 'me', 'none' (unassigned) or a user id. */
  assignee: string;
  priority: string;
  /** Words in the reference, subject or description (the list's `q`). */
  q: string;
  /** '' = the next SLA deadline first (the page's own order), else the list's `sort`. */
  sort: string;
  /** The saved view these filters came from, if any (docs/desk.md). */
  view: string;
  /** A custom field's value, `<field id>:<value>` as the list's `field` takes it; `<id>:` while no value is given. */
  field: string;
  /** With `q`: the searched creation window ('' = the API's default, the last 12 months). */
  createdFrom: string;
  createdTo: string;
}

/** The field and the value of the `field` filter ('' for either when not chosen). */
export const fieldFilterOf = (field: string): { id: string; value: string } => {
  const at = field.indexOf(':');
  return at < 0 ? { id: field, value: '' } : { id: field.slice(0, at), value: field.slice(at + 1) };
};

/** The default view: work still expected; `postponed` tickets stay out of it until their date (status filter shows them). */
export const activeStatuses = ['new', 'open', 'answered', 'pending', 'on_hold'] as const;

export const readFilters = (search: string): QueueFilters => {
  const params = new URLSearchParams(search);
  return {
    queue: params.get('queue') ?? '',
    status: params.get('status') ?? '',
    assignee: params.get('assignee') ?? '',
    priority: params.get('priority') ?? '',
    q: params.get('q') ?? '',
    sort: params.get('sort') ?? '',
    view: params.get('view') ?? '',
    field: params.get('field') ?? '',
    ...readWindow(params),
  };
};

export const writeFilters = (filters: QueueFilters): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
};

/**
 * The API calls behind a filter: the API filters by one status at a time, so "active" is one
 * list per active status, merged in the browser.
 */
export const listQueries = (filters: QueueFilters): TicketFilters[] => {
  const common: TicketFilters = {};
  if (filters.queue) common.queue = filters.queue;
  if (filters.assignee) common.assignee = filters.assignee;
  if (filters.priority) common.priority = filters.priority;
  if (filters.q) Object.assign(common, { q: filters.q }, windowQuery(filters));
  if (filters.sort) common.sort = filters.sort;
  // Only a field with a value filters: picking the field alone asks for its value first.
  const field = fieldFilterOf(filters.field);
  if (field.id && field.value) common.field = filters.field;
  if (filters.status === 'any') return [common];
  if (filters.status) return [{ ...common, status: filters.status }];
  return activeStatuses.map((status) => ({ ...common, status }));
};

/** The orders the page offers besides its own (the next SLA deadline): the list's `sort` values. */
export const queueSorts = ['-createdAt', 'createdAt', '-updatedAt', '-priority'] as const;

const priorityRank: Record<Ticket['priority'], number> = { low: 0, normal: 1, high: 2, urgent: 3 };
const sortKeys: Record<string, (ticket: Ticket) => string | number> = {
  createdAt: (ticket) => ticket.createdAt,
  updatedAt: (ticket) => ticket.updatedAt,
  priority: (ticket) => priorityRank[ticket.priority],
};

/**
 * Orders the merged lists (one per active status) as the API orders each: the browser merges
 * them, so it applies the same key to the whole. Null for the page's own order.
 */
export const orderBy = (sort: string): ((a: Ticket, b: Ticket) => number) | null => {
  const descending = sort.startsWith('-');
  const keyOf = sortKeys[descending ? sort.slice(1) : sort];
  if (!keyOf) return null;
  return (a, b) => {
    const left = keyOf(a);
    const right = keyOf(b);
    if (left === right) return b.createdAt.localeCompare(a.createdAt);
    return (left < right ? -1 : 1) * (descending ? -1 : 1);
  };
};

/** What a saved view keeps of the page's filters: '' (the default) is left out, '' status is `active`. */
export const viewOf = (filters: QueueFilters): Pick<NewSavedView, 'filters' | 'sort'> => {
  const kept: NewSavedView['filters'] = {
    status: (filters.status || 'active') as NewSavedView['filters']['status'],
  };
  if (filters.queue) kept.queue = filters.queue;
  if (filters.assignee) kept.assignee = filters.assignee;
  if (filters.priority) kept.priority = filters.priority as NewSavedView['filters']['priority'];
  if (filters.q) kept.q = filters.q;
  // A field picked without a value filters nothing yet: only a complete `<id>:<value>` is kept.
  const field = fieldFilterOf(filters.field);
  if (field.id && field.value) kept.field = filters.field;
  return { filters: kept, sort: (filters.sort || null) as NewSavedView['sort'] };
};

/** The page's filters for a saved view (its id kept, so the page can offer to update it). */
export const filtersOf = (view: SavedView): QueueFilters => ({
  queue: view.filters.queue ?? '',
  status: view.filters.status === 'active' || !view.filters.status ? '' : view.filters.status,
  assignee: view.filters.assignee ?? '',
  priority: view.filters.priority ?? '',
  q: view.filters.q ?? '',
  sort: view.sort ?? '',
  view: view.id,
  field: view.filters.field ?? '',
  createdFrom: '',
  createdTo: '',
});
