import { describe, expect, it } from 'vitest';
import {
  foundByReference,
  olderWindow,
  readWindow,
  windowLabel,
  windowQuery,
  withWindow,
} from '../../portal/src/features/tickets/search-window.js';

/**
 * "Searched tickets created 1 Dec 2025 – 3 Dec 2026" and "Search older tickets" under a ticket
 * search (docs/portal.md): the days it names and the window it offers next, kept in the address
 * with the other filters.
 */
describe('the older window a search offers', () => {
  // On 3 December 2026 the API searches this month and the eleven before it by default.
  const searchedByDefault = {
    createdFrom: '2026-01-01T00:00:00.000Z',
    createdTo: '2026-12-03T10:00:00.000Z',
  };

  it('is the 24 months before the default 12, ending the day before they start', () => {
    expect(olderWindow(searchedByDefault)).toEqual({ createdFrom: '2024-01-01', createdTo: '2025-12-31' });
  });

  it('keeps going back 24 months at a time, each window ending where the newer one started', () => {
    // The API answers a date-only window with its first and last instants.
    const older = { createdFrom: '2023-12-01T00:00:00.000Z', createdTo: '2025-11-30T23:59:59.999Z' };
    expect(olderWindow(older)).toEqual({ createdFrom: '2021-12-01', createdTo: '2023-11-30' });
  });

  it('leaves no day out before a window that starts in the middle of a month', () => {
    const chosen = { createdFrom: '2025-03-15T00:00:00.000Z', createdTo: '2025-06-30T23:59:59.999Z' };
    expect(olderWindow(chosen)).toEqual({ createdFrom: '2023-04-01', createdTo: '2025-03-14' });
  });

  it('is not offered when a reference found its ticket (the API searched the ticket’s year)', () => {
    const found = [{ reference: 'HD-2024-000042' }];
    expect(foundByReference(' hd-2024-000042 ', found)).toBe(true);
    expect(foundByReference('HD-2024-000043', found)).toBe(false);
    expect(foundByReference('printer', found)).toBe(false);
  });

  it('keeps the other filters in the address and replaces only the window', () => {
    const next = withWindow('?q=printer&status=open&createdTo=2026-06-30&cursor=abc', {
      createdFrom: '2024-07-01',
      createdTo: '',
    });
    const params = new URLSearchParams(next);
    expect(Object.fromEntries(params)).toEqual({ q: 'printer', status: 'open', createdFrom: '2024-07-01' });
    expect(windowQuery(readWindow(params))).toEqual({ createdFrom: '2024-07-01' });
  });
});

describe('the searched window in words', () => {
  const searched = { createdFrom: '2023-12-01T00:00:00.000Z', createdTo: '2025-11-30T23:59:59.999Z' };
  // Intl puts thin spaces around the dash (none in Polish).
  const dash = '\u2009–\u2009';

  it('names the first and last day in the reader’s language', () => {
    expect(windowLabel(searched, 'en-GB')).toBe(`1 Dec 2023${dash}30 Nov 2025`);
    expect(windowLabel(searched, 'de-DE')).toBe(`01.12.2023${dash}30.11.2025`);
    expect(windowLabel(searched, 'pl')).toBe('1 gru 2023–30 lis 2025');
    expect(windowLabel(searched, 'et')).toBe(`1. dets 2023${dash}30. nov 2025`);
  });

  it('says a year the two days share once', () => {
    const thisYear = { createdFrom: '2026-01-01T00:00:00.000Z', createdTo: '2026-12-03T10:00:00.000Z' };
    expect(windowLabel(thisYear, 'en-GB')).toBe(`1 Jan${dash}3 Dec 2026`);
    expect(windowLabel(thisYear, 'de-DE')).toBe(`01.01.${dash}03.12.2026`);
  });

  it('counts days in UTC as the API does, whatever the reader’s time zone', () => {
    const zone = process.env.TZ;
    // In Tallinn the window's last instant (23:59:59.999 UTC) is already 1 December.
    process.env.TZ = 'Europe/Tallinn';
    try {
      expect(windowLabel(searched, 'en-GB')).toBe(`1 Dec 2023${dash}30 Nov 2025`);
      expect(windowLabel({ ...searched, createdTo: '2026-12-03T10:00:00.000Z' }, 'en-US')).toBe(
        `Dec 1, 2023${dash}Dec 3, 2026`,
      );
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
