import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoOf, partsOf } from '../../portal/src/features/admin/duration-parts.js';
import { durationSeconds } from '../../portal/src/features/sla/duration.js';

describe('policy durations as days, hours and minutes', () => {
  it('shows stored durations in their parts: ISO as written, seconds split', () => {
    expect(partsOf('PT36H')).toEqual({ days: '', hours: '36', minutes: '' });
    expect(partsOf('P1DT4H30M')).toEqual({ days: '1', hours: '4', minutes: '30' });
    expect(partsOf('5400')).toEqual({ days: '', hours: '1', minutes: '30' });
    expect(partsOf('')).toEqual({ days: '', hours: '', minutes: '' });
  });

  it('writes the parts back as ISO-8601, empty as off, and anything not whole as an invalid duration', () => {
    expect(isoOf({ days: '', hours: '', minutes: '7' })).toBe('PT7M');
    expect(isoOf({ days: '3', hours: '', minutes: '' })).toBe('P3D');
    expect(isoOf({ days: '', hours: '0', minutes: '' })).toBe('PT0M');
    expect(isoOf({ days: '', hours: '', minutes: '' })).toBe('');
    const typed = isoOf({ days: '', hours: '1', minutes: '-5' });
    expect(durationSeconds(typed)).toBeNull();
    // The boxes keep what was typed, so the user sees what the error is about.
    expect(partsOf(typed)).toEqual({ days: '', hours: '1', minutes: '-5' });
  });

  it('round-trips any whole days, hours and minutes to the same seconds', () => {
    fc.assert(
      fc.property(fc.nat(400), fc.nat(100), fc.nat(1000), (days, hours, minutes) => {
        const iso = isoOf({ days: String(days), hours: String(hours), minutes: String(minutes) });
        expect(durationSeconds(iso)).toBe(days * 86_400 + hours * 3600 + minutes * 60);
        expect(isoOf(partsOf(iso))).toBe(iso);
      }),
    );
  });
});
