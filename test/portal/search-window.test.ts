import { describe, expect, it } from 'vitest';
import {
  olderWindow,
  readWindow,
  windowQuery,
  withWindow,
} from '../../portal/src/features/tickets/search-window.js';

/**
 * "Search older tickets" under a ticket search (docs/portal.md): the window it offers next, kept
 * in the address with the other filters.
 */
describe('the older window a search offers', () => {
  const searchedByDefault = {
    createdFrom: '2026-01-01T00:00:00.000Z',
    createdTo: '2026-12-02T10:00:00.000Z',
  };

  it('first widens the default 12 months back to the 24-month limit, keeping the end at "now"', () => {
    expect(olderWindow(searchedByDefault, { createdFrom: '', createdTo: '' })).toEqual({
      createdFrom: '2025-01-01',
      createdTo: '',
    });
  });

  it('then offers the 24 months before a full window, ending the day before it started', () => {
    const widened = { createdFrom: '2025-01-01T00:00:00.000Z', createdTo: '2026-12-02T10:00:00.000Z' };
    expect(olderWindow(widened, { createdFrom: '2025-01-01', createdTo: '' })).toEqual({
      createdFrom: '2023-01-01',
      createdTo: '2024-12-31',
    });
  });

  it('keeps the other filters in the address and replaces only the window', () => {
    const next = withWindow('?q=printer&status=open&createdTo=2026-06-30', {
      createdFrom: '2024-07-01',
      createdTo: '',
    });
    const params = new URLSearchParams(next);
    expect(Object.fromEntries(params)).toEqual({ q: 'printer', status: 'open', createdFrom: '2024-07-01' });
    expect(windowQuery(readWindow(params))).toEqual({ createdFrom: '2024-07-01' });
  });
});
