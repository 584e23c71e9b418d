import type { Clock } from '#platform/ports.js';
import { addValues, type CellValues } from '../cells.js';
import { complianceOf, count, csatOf, durationOf, histogramOf, slaOf } from '../figures.js';
import { percentile } from '../histogram.js';
import type { ReportStore } from '../ports.js';
import { type ReportFilters, type ReportRange, seriesIndexOf, seriesStarts } from '../query.js';
import type { Overview } from '../schemas.js';
import { readCells, sumOf } from './read-cells.js';

export interface ReportDeps {
  store: ReportStore;
  clock: Clock;
}

const durations = (values: CellValues, wall: 'frt' | 'res') => ({
  ...durationOf(values, wall),
  business: durationOf(values, wall === 'frt' ? 'frtBusiness' : 'resBusiness'),
});

/** GET /reports/overview: totals, durations, SLA, CSAT and the series of a range (docs/reports.md). */
export const readOverview = async (
  deps: ReportDeps,
  range: ReportRange,
  filters: ReportFilters,
): Promise<Overview> => {
  const { cells, baseline } = await readCells(deps.store, range, filters);
  const total = sumOf(cells);
  const starts = seriesStarts(range);
  const indexOf = seriesIndexOf(range, starts);
  const points: CellValues[] = starts.map(() => ({}));
  for (const cell of cells) addValues(points[indexOf(cell.level, cell.period)] ?? {}, cell.values);
  let backlog = count(baseline, 'backlog');
  const series = starts.map((start, i) => {
    const values = points[i] ?? {};
    backlog += count(values, 'backlog');
    const frt = histogramOf(values, 'frt');
    return {
      start,
      created: count(values, 'created'),
      resolved: count(values, 'resolved'),
      closed: count(values, 'closed'),
      firstResponseP50: percentile(frt, 0.5),
      firstResponseP90: percentile(frt, 0.9),
      slaCompliance: complianceOf(values),
      backlog,
      csatAverage: csatOf(values).average,
    };
  });
  return {
    from: range.from,
    to: range.to,
    timeZone: range.timeZone,
    interval: range.interval,
    totals: {
      created: count(total, 'created'),
      firstResponded: count(total, 'firstResponded'),
      resolved: count(total, 'resolved'),
      closed: count(total, 'closed'),
      reopened: count(total, 'reopened'),
      backlog: count(baseline, 'backlog') + count(total, 'backlog'),
      deflections: count(total, 'deflections'),
    },
    firstResponseTime: durations(total, 'frt'),
    resolutionTime: durations(total, 'res'),
    sla: slaOf(total),
    csat: csatOf(total),
    series,
  };
};
