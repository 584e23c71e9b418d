import { addValues, type Cell, type CellValues } from '../cells.js';
import { passes } from '../figures.js';
import type { ReportStore } from '../ports.js';
import { type ReportFilters, type ReportRange, readPlan } from '../query.js';

export interface ReportCells {
  /** The cells inside the range that pass the filters. */
  cells: Cell[];
  /** What the cells before the range add up to (the backlog carried in). */
  baseline: CellValues;
}

/** The cells a report needs: a few Queries side by side (query.ts `readPlan`). */
export const readCells = async (
  store: ReportStore,
  range: ReportRange,
  filters: ReportFilters,
  options: { perAgent?: boolean } = {},
): Promise<ReportCells> => {
  const plan = readPlan(range);
  // Unfiltered, the totals hold one cell per period.
  const total = !options.perAgent && Object.values(filters).every((value) => value === undefined);
  const read = await Promise.all(plan.ranges.map((periods) => store.cells({ ...periods, total })));
  const wanted = total ? () => true : passes(filters);
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
