import type { TicketFilters } from '../../api/endpoints.js';

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
}

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
  if (filters.q) common.q = filters.q;
  if (filters.status === 'any') return [common];
  if (filters.status) return [{ ...common, status: filters.status }];
  return activeStatuses.map((status) => ({ ...common, status }));
};
