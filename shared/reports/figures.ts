import type { CellValues, Dimensions, HistogramName } from './cells.js';
import { addTo, type DurationSummary, emptyHistogram, type Histogram, summarize } from './histogram.js';
import type { ReportFilters } from './query.js';

/** Whether a cell's dimensions pass the report's filters. */
export const passes =
  (filters: ReportFilters) =>
  (dims: Dimensions): boolean =>
    (filters.orgId === undefined || dims.orgId === filters.orgId) &&
    (filters.queue === undefined || dims.queue === filters.queue) &&
    (filters.priority === undefined || dims.priority === filters.priority) &&
    (filters.category === undefined || dims.category === filters.category) &&
    (filters.agent === undefined || dims.agent === filters.agent);

export const histogramOf = (values: CellValues, name: HistogramName): Histogram => {
  const histogram = emptyHistogram();
  const prefix = `${name}_`;
  for (const [attribute, count] of Object.entries(values)) {
    if (!attribute.startsWith(prefix)) continue;
    addTo(histogram, Number(attribute.slice(prefix.length)), count);
    histogram.count += count;
  }
  histogram.sumSeconds = values[`${name}Sum`] ?? 0;
  return histogram;
};

export const durationOf = (values: CellValues, name: HistogramName): DurationSummary =>
  summarize(histogramOf(values, name));

const ratio = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;

export interface ClockFigures {
  met: number;
  breached: number;
  /** met / (met + breached); null when no clock was settled. */
  compliance: number | null;
}

const clock = (values: CellValues, prefix: 'tto' | 'ttr' | 'tst'): ClockFigures => {
  const met = values[`${prefix}Met`] ?? 0;
  const breached = values[`${prefix}Breached`] ?? 0;
  return { met, breached, compliance: ratio(met, met + breached) };
};

export const slaOf = (values: CellValues) => ({
  timeToOpen: clock(values, 'tto'),
  timeToResolve: clock(values, 'ttr'),
  totalServiceTime: clock(values, 'tst'),
});

/** Every clock settled in the cells together. */
export const complianceOf = (values: CellValues): number | null => {
  const sla = slaOf(values);
  const met = sla.timeToOpen.met + sla.timeToResolve.met + sla.totalServiceTime.met;
  const breached = sla.timeToOpen.breached + sla.timeToResolve.breached + sla.totalServiceTime.breached;
  return ratio(met, met + breached);
};

export const csatOf = (values: CellValues) => {
  const distribution = Object.fromEntries(
    [1, 2, 3, 4, 5].map((rating) => [String(rating), values[`csat${rating}`] ?? 0]),
  );
  const responses = Object.values(distribution).reduce((sum, n) => sum + n, 0);
  return {
    responses,
    average: responses ? Math.round(((values.csatSum ?? 0) / responses) * 100) / 100 : null,
    distribution,
  };
};

export const count = (values: CellValues, name: string): number => values[name] ?? 0;
export { ratio };
