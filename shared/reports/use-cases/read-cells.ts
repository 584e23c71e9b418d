import {
  addValues,
  type Cell,
  type CellValues,
  type CellView,
  dimensionNames,
  rollupLevels,
} from '../cells.js';
import { passes } from '../figures.js';
import type { ReportStore } from '../ports.js';
import { type ReportFilters, type ReportRange, readPlan } from '../query.js';

export interface ReportCells {
  /** The cells inside the range that pass the filters. */
  cells: Cell[];
  /** What the cells before the range add up to (the backlog carried in). */
  baseline: CellValues;
}

/**
 * Which cells answer a report (docs/reports.md, "Roll-ups"): unfiltered, the totals; filtered by
 * one dimension, that value's roll-up; the agents report, the per-agent roll-up (an agent filter
 * keeps one of them); two or more filters, the detail cells.
 */
export const viewFor = (filters: ReportFilters, perAgent: boolean): CellView => {
  const given = dimensionNames.filter((name) => filters[name] !== undefined);
  const [only] = given;
  if (perAgent)
    return given.length === 0 || (given.length === 1 && only === 'agent')
      ? { kind: 'agents' }
      : { kind: 'detail' };
  if (only === undefined) return { kind: 'total' };
  const value = filters[only];
  if (given.length === 1 && value !== undefined) return { kind: 'value', dimension: only, value };
  return { kind: 'detail' };
};

/** The cells a report needs: a few Queries side by side (query.ts `readPlan`). */
export const readCells = async (
  store: ReportStore,
  range: ReportRange,
  filters: ReportFilters,
  options: { perAgent?: boolean } = {},
): Promise<ReportCells> => {
  const plan = readPlan(range);
  const view = viewFor(filters, options.perAgent ?? false);
  // The agents report has no backlog: the months only before the range are not read.
  const ranges = options.perAgent
    ? plan.ranges.filter((periods) => plan.roleOf(periods.level, periods.toPeriod) !== 'baseline')
    : plan.ranges;
  const read = await Promise.all(
    ranges.map((periods) =>
      store.cells({
        ...periods,
        // Roll-ups are kept for days and months; the hours at a zone's edges are read in detail.
        view: view.kind === 'total' || rollupLevels.includes(periods.level) ? view : { kind: 'detail' },
      }),
    ),
  );
  const wanted = passes(filters);
  const cells: Cell[] = [];
  const baseline: CellValues = {};
  for (const cell of read.flat()) {
    if (!wanted(cell.dims)) continue;
    const role = plan.roleOf(cell.level, cell.period);
    if (role === 'range') cells.push(cell);
    else if (role === 'baseline') addValues(baseline, cell.values);
  }
  return { cells, baseline };
};

export const sumOf = (cells: readonly Cell[]): CellValues => {
  const total: CellValues = {};
  for (const cell of cells) addValues(total, cell.values);
  return total;
};
