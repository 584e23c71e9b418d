import { bucketOf } from './histogram.js';

/**
 * The aggregate model (docs/reports.md). A cell holds counters and duration histograms for one
 * period and one combination of dimensions (organisation × queue × priority × category ×
 * agent). Every contribution is written to its hour, its day and its month (UTC), so a report
 * reads whole months, days and hours as it needs them.
 */
export const levels = ['hour', 'day', 'month'] as const;
export type Level = (typeof levels)[number];

export interface Dimensions {
  orgId: string;
  queue: string;
  priority: string;
  /** '' when the ticket has no category. */
  category: string;
  /** The assignee's user id; '' when nobody is assigned. */
  agent: string;
}

export const counters = [
  'created',
  'firstResponded',
  'resolved',
  'closed',
  'reopened',
  /** +1 when a ticket becomes active (new, open, pending, on hold), −1 when it leaves. */
  'backlog',
  'assigned',
  'ttoMet',
  'ttoBreached',
  'ttrMet',
  'ttrBreached',
  'tstMet',
  'tstBreached',
  'csat1',
  'csat2',
  'csat3',
  'csat4',
  'csat5',
  'csatSum',
  /** A client opened a suggested article and left without opening a ticket (docs/kb.md). */
  'deflections',
] as const;
export type Counter = (typeof counters)[number];

/** First response and resolution, wall and business time. */
export const histograms = ['frt', 'frtBusiness', 'res', 'resBusiness'] as const;
export type HistogramName = (typeof histograms)[number];

/** Cell values: counters, `<histogram>_<bucket>` counts and `<histogram>Sum` (seconds). */
export type CellValues = Record<string, number>;

export const bucketAttribute = (name: HistogramName, bucket: number): string => `${name}_${bucket}`;
export const sumAttribute = (name: HistogramName): string => `${name}Sum`;

/** What one ticket change adds to the cells of the moment it happened. */
export interface Contribution {
  at: string;
  dims: Dimensions;
  values: CellValues;
  /** Shown beside the agent's id in reports (the latest name wins). */
  agentName?: string | null;
}

export const durationValues = (name: HistogramName, seconds: number): CellValues => ({
  [bucketAttribute(name, bucketOf(seconds))]: 1,
  [sumAttribute(name)]: Math.round(seconds),
});

/** The start of the period of a level an instant falls in, as the sort-key text of that level. */
export const periodOf = (level: Level, at: string): string => {
  // Already ISO in UTC (as every stored instant is): no Date round trip.
  const iso = at.length === 24 && at.endsWith('Z') ? at : new Date(at).toISOString();
  if (level === 'hour') return iso.slice(0, 13);
  if (level === 'day') return iso.slice(0, 10);
  return iso.slice(0, 7);
};

/** The instant a period starts (`2026-09` → 2026-09-01T00:00Z). */
export const periodStart = (period: string): number => {
  if (period.length === 13) return Date.parse(`${period}:00:00Z`);
  if (period.length === 10) return Date.parse(`${period}T00:00:00Z`);
  return Date.parse(`${period}-01T00:00:00Z`);
};

/** The instant the period ends (exclusive). */
export const periodEnd = (period: string): number => {
  const start = new Date(periodStart(period));
  if (period.length === 13) return start.getTime() + 3_600_000;
  if (period.length === 10) return start.getTime() + 86_400_000;
  return Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
};

/** Dimensions as one key part: each value URI-encoded, so none contains the separator. */
export const dimensionsKey = (dims: Dimensions): string =>
  [dims.orgId, dims.queue, dims.priority, dims.category, dims.agent].map(encodeURIComponent).join('|');

export const dimensionsOfKey = (key: string): Dimensions => {
  const [orgId = '', queue = '', priority = '', category = '', agent = ''] = key
    .split('|')
    .map(decodeURIComponent);
  return { orgId, queue, priority, category, agent };
};

export const dimensionNames = ['orgId', 'queue', 'priority', 'category', 'agent'] as const;
export type DimensionName = (typeof dimensionNames)[number];

/**
 * Which cells of a period a report reads (docs/reports.md, "Roll-ups"):
 * - `detail`: one cell per combination of the five dimensions;
 * - `total`: every dimension summed, one cell per period (unfiltered reports);
 * - `value`: one dimension's one value, the others summed: one cell per period (a report
 *   filtered by that dimension alone);
 * - `agents`: one cell per agent, the other dimensions summed (the agents report).
 */
export type CellView =
  | { kind: 'detail' }
  | { kind: 'total' }
  | { kind: 'value'; dimension: DimensionName; value: string }
  | { kind: 'agents' };

/** Roll-ups (`value`, `agents`) are kept for days and months; an hour is read in detail. */
export const rollupLevels: readonly Level[] = ['day', 'month'];

const noDimensions: Dimensions = { orgId: '', queue: '', priority: '', category: '', agent: '' };

export interface Cell {
  level: Level;
  period: string;
  /** The cell's dimensions: those a roll-up sums over are ''. */
  dims: Dimensions;
  values: CellValues;
  agentName?: string | null;
}

/** A cell's sum of contributions: where it is kept (level, period, view) and what it adds. */
export interface CellSum extends Cell {
  view: CellView;
  agentName: string | null;
}

/** Every cell one contribution adds to, at one level: its detail cell, the totals, the roll-ups. */
const targetsOf = (level: Level, dims: Dimensions): { view: CellView; dims: Dimensions }[] => {
  const targets: { view: CellView; dims: Dimensions }[] = [
    { view: { kind: 'detail' }, dims },
    { view: { kind: 'total' }, dims: noDimensions },
  ];
  if (!rollupLevels.includes(level)) return targets;
  for (const dimension of dimensionNames) {
    // No filter asks for an empty value (no category, nobody assigned): not kept.
    const value = dims[dimension];
    if (value)
      targets.push({
        view: { kind: 'value', dimension, value },
        dims: { ...noDimensions, [dimension]: value },
      });
  }
  if (dims.agent) targets.push({ view: { kind: 'agents' }, dims: { ...noDimensions, agent: dims.agent } });
  return targets;
};

const viewKey = (view: CellView) => (view.kind === 'value' ? `value:${view.dimension}` : view.kind);

/**
 * Every cell the contributions add to (each level; its detail cell, the totals and, for days
 * and months, the roll-ups), summed per cell: what a store adds. Pure, so every store (DynamoDB,
 * the bulk history writer, the in-memory one of the tests) keeps the same cells.
 */
export const groupCells = (
  contributions: readonly Contribution[],
  into = new Map<string, CellSum>(),
): CellSum[] => {
  for (const contribution of contributions) {
    const at = new Date(contribution.at).toISOString();
    for (const level of levels) {
      const period = periodOf(level, at);
      for (const { view, dims } of targetsOf(level, contribution.dims)) {
        // A map key only (never stored): a separator no value holds instead of URI-encoding.
        const key = [
          level,
          period,
          viewKey(view),
          dims.orgId,
          dims.queue,
          dims.priority,
          dims.category,
          dims.agent,
        ].join('\u0000');
        const cell = into.get(key) ?? { level, period, view, dims, values: {}, agentName: null };
        addValues(cell.values, contribution.values);
        if (dims.agent) cell.agentName = contribution.agentName ?? cell.agentName;
        into.set(key, cell);
      }
    }
  }
  return [...into.values()];
};

/** Adds `values` into `into`. */
export const addValues = (into: CellValues, values: CellValues): void => {
  for (const [name, value] of Object.entries(values)) into[name] = (into[name] ?? 0) + value;
};
