import { describe, expect, it } from 'vitest';
import {
  paramsFromSearch,
  previousRange,
  searchOfParams,
  trendOf,
} from '../../portal/src/features/reports/figures.js';

/**
 * The Reports page's address and the deflections trend (docs/reports.md "Portal"): what a link
 * carries comes back as the same report; the trend compares with the same number of days before.
 */
describe('a report in the address', () => {
  const fallback = { from: '2026-11-03', to: '2026-12-02' };

  it('round-trips the applied filters, leaving out empty choices and unknown keys', () => {
    const applied = { from: '2026-10-01', to: '2026-10-31', priority: 'high', queue: '', orgId: 'acme' };
    const search = searchOfParams(applied);
    expect(search).toBe('?from=2026-10-01&to=2026-10-31&priority=high&orgId=acme');
    expect(paramsFromSearch(search, fallback)).toEqual({
      from: '2026-10-01',
      to: '2026-10-31',
      priority: 'high',
      orgId: 'acme',
    });
    expect(paramsFromSearch('?evil=1&agent=u1', fallback)).toEqual({ ...fallback, agent: 'u1' });
  });

  it('falls back to the default range when the address names none', () => {
    expect(paramsFromSearch('', fallback)).toEqual(fallback);
    expect(searchOfParams({})).toBe('');
  });
});

describe('the deflections trend', () => {
  it('compares with the same number of days just before the range, across month ends', () => {
    expect(previousRange({ from: '2026-11-03', to: '2026-12-02' })).toEqual({
      from: '2026-10-04',
      to: '2026-11-02',
      days: 30,
    });
    expect(previousRange({ from: '2026-03-01', to: '2026-03-01' })).toEqual({
      from: '2026-02-28',
      to: '2026-02-28',
      days: 1,
    });
  });

  it('says up, down or flat and by how much', () => {
    expect(trendOf(7, 3)).toEqual({ direction: 'up', change: 4 });
    expect(trendOf(2, 5)).toEqual({ direction: 'down', change: 3 });
    expect(trendOf(4, 4)).toEqual({ direction: 'flat', change: 0 });
  });
});
