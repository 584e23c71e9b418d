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
  const iso = new Date(at).toISOString();
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

export interface Cell {
  level: Level;
  period: string;
  dims: Dimensions;
  values: CellValues;
  agentName?: string | null;
}

/** Adds `values` into `into`. */
export const addValues = (into: CellValues, values: CellValues): void => {
  for (const [name, value] of Object.entries(values)) into[name] = (into[name] ?? 0) + value;
};
