import { describe, expect, it } from 'vitest';
import type { SavedView, Ticket } from '../../portal/src/api/types.js';
import {
  filtersOf,
  listQueries,
  orderBy,
  readFilters,
  viewOf,
  writeFilters,
} from '../../portal/src/features/queues/queue-filters.js';

/** The queue page's filters and sort as a saved view keeps them (docs/desk.md), and back. */
describe('saved views of the queue page', () => {
  it('keeps the filters and the sort, the default status as `active`, and applies them back', () => {
    const filters = readFilters('?assignee=me&priority=urgent&sort=-updatedAt&q=vpn');
    const view = viewOf(filters);
    expect(view).toEqual({
      filters: { status: 'active', assignee: 'me', priority: 'urgent', q: 'vpn' },
      sort: '-updatedAt',
    });
    const saved = { ...view, id: '01JD0000000000000000000000', name: 'Mine' } as SavedView;
    expect(writeFilters(filtersOf(saved))).toBe(
      '?assignee=me&priority=urgent&q=vpn&sort=-updatedAt&view=01JD0000000000000000000000',
    );
    expect(viewOf(readFilters('?status=any')).sort).toBeNull();
    expect(filtersOf({ ...saved, filters: { status: 'any' }, sort: null }).status).toBe('any');
  });

  it('keeps a custom field with its value, not a field picked without one, and gives it back to the list', () => {
    const view = viewOf(readFilters('?field=impact%3ASite+down&status=any'));
    expect(view.filters).toEqual({ status: 'any', field: 'impact:Site down' });
    expect(viewOf(readFilters('?field=impact%3A')).filters).toEqual({ status: 'active' });
    const saved = { ...view, id: '01JD0000000000000000000001', name: 'Down' } as SavedView;
    const filters = filtersOf(saved);
    expect(filters.field).toBe('impact:Site down');
    expect(listQueries(filters)).toEqual([{ field: 'impact:Site down' }]);
    expect(writeFilters(filters)).toBe(
      '?status=any&view=01JD0000000000000000000001&field=impact%3ASite+down',
    );
  });

  it('asks the API for the chosen order and orders the merged lists the same way', () => {
    const queries = listQueries(readFilters('?sort=-priority'));
    expect(queries.map((query) => [query.status, query.sort])).toEqual([
      ['new', '-priority'],
      ['open', '-priority'],
      ['answered', '-priority'],
      ['pending', '-priority'],
      ['on_hold', '-priority'],
    ]);
    const ticket = (id: string, priority: Ticket['priority'], createdAt: string) =>
      ({ id, priority, createdAt, updatedAt: createdAt }) as Ticket;
    const merged = [
      ticket('a', 'low', '2026-01-01T00:00:00Z'),
      ticket('b', 'urgent', '2026-01-02T00:00:00Z'),
      ticket('c', 'high', '2026-01-03T00:00:00Z'),
    ];
    expect([...merged].sort(orderBy('-priority') ?? (() => 0)).map((one) => one.id)).toEqual(['b', 'c', 'a']);
    expect([...merged].sort(orderBy('-createdAt') ?? (() => 0)).map((one) => one.id)).toEqual([
      'c',
      'b',
      'a',
    ]);
    expect(orderBy('')).toBeNull();
  });
});
