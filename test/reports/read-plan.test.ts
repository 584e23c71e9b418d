import { describe, expect, it } from 'vitest';
import { intervals, readPlan, resolveRange } from '#reports/query.js';

/**
 * What a report reads (docs/reports.md "Reading"): each period range of the plan is one Query
 * of the store (read-cells.ts), so the plan's length is the report's DynamoDB calls before
 * pagination. The issue: "a report reads at most a few Query calls for a year".
 */
const DAY = 86_400_000;
const now = new Date('2026-12-03T08:00:00Z');
const zones = ['UTC', 'Europe/Tallinn', 'America/New_York', 'Asia/Kolkata', 'Pacific/Auckland'];

describe('the read plan of a report', () => {
  it('reads at most 6 period ranges for any range of up to 366 days, in any zone and interval', () => {
    // The first, the middle and the last days of each month of a year, and the days around its end.
    const starts = ['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02'];
    for (let month = 1; month <= 12; month++)
      for (const day of ['01', '15', '28']) starts.push(`2025-${String(month).padStart(2, '0')}-${day}`);
    const plans = starts.flatMap((from) =>
      [1, 31, 90, 366].flatMap((length) => {
        const to = new Date(Date.parse(from) + (length - 1) * DAY).toISOString().slice(0, 10);
        return zones.flatMap((timeZone) =>
          intervals.map((interval) => {
            const range = resolveRange({ from, to, interval }, timeZone, now);
            // The UTC years the range's instants touch: each has its day partition.
            const years =
              new Date(range.endMs - 1).getUTCFullYear() - new Date(range.startMs).getUTCFullYear() + 1;
            return {
              what: `${from}…${to} ${timeZone} ${interval}`,
              threeYearsWithOffset: years === 3 && timeZone !== 'UTC',
              ranges: readPlan(range).ranges.length,
            };
          }),
        );
      }),
    );
    expect(Math.max(...plans.map((plan) => plan.ranges))).toBe(6);
    // 6 only when the range's instants touch three UTC years (a day partition each) in a zone with
    // an offset (the hours of both edge days): 1 January to 1 January in Europe/Tallinn, by day.
    expect(plans.filter((plan) => plan.ranges === 6 && !plan.threeYearsWithOffset)).toEqual([]);
    expect(plans.filter((plan) => plan.ranges === 6).length).toBeGreaterThan(0);
  });

  it('reads 2 ranges for a 90-day range of days in UTC, 4 in a zone with an offset', () => {
    const range = { from: '2026-06-01', to: '2026-08-29', interval: 'day' } as const;
    expect(readPlan(resolveRange(range, 'UTC', now)).ranges).toHaveLength(2);
    expect(readPlan(resolveRange(range, 'Europe/Berlin', now)).ranges).toHaveLength(4);
  });

  it('chooses days up to 62 days, weeks up to 183, months beyond, unless asked', () => {
    const interval = (days: number) =>
      resolveRange(
        {
          from: '2026-01-01',
          to: new Date(Date.parse('2026-01-01') + (days - 1) * DAY).toISOString().slice(0, 10),
        },
        'UTC',
        now,
      ).interval;
    expect([interval(62), interval(63), interval(183), interval(184)]).toEqual([
      'day',
      'week',
      'week',
      'month',
    ]);
    expect(resolveRange({ to: '2026-12-03' }, 'UTC', now)).toMatchObject({
      from: '2026-11-04',
      interval: 'day',
    });
  });
});
