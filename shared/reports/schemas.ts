import * as z from 'zod';
import { checkRange, reportFilters } from './query.js';
import { topicKinds } from './topics.js';

/** One zod schema per contract (docs/reports.md, docs/api.md); OpenAPI is generated from these. */

export const ReportQuery = z.strictObject(reportFilters).superRefine(checkRange);
export type ReportQuery = z.infer<typeof ReportQuery>;

export const AgentsQuery = z
  .strictObject({
    ...reportFilters,
    minTickets: z.coerce
      .number()
      .int('minTickets must be a whole number')
      .min(1, 'minTickets must be at least 1')
      .max(10_000)
      .default(10)
      .meta({ description: 'Resolved tickets an agent needs to be ranked' }),
  })
  .superRefine(checkRange);
export type AgentsQuery = z.infer<typeof AgentsQuery>;

export const CsatQuery = z
  .strictObject({
    ...reportFilters,
    limit: z.coerce
      .number()
      .int('limit must be a whole number')
      .min(1, 'limit must be at least 1')
      .max(100, 'limit must be at most 100')
      .default(25),
    cursor: z.string().min(1).max(2048).optional(),
  })
  .superRefine(checkRange);
export type CsatQuery = z.infer<typeof CsatQuery>;

const Days = (what: string, fallback: number) =>
  z.coerce
    .number()
    .int(`${what} must be a whole number of days`)
    .min(1, `${what} must be at least 1 day`)
    .max(183, `${what} must be at most 183 days`)
    .default(fallback);

export const TrendsQuery = z.strictObject({
  to: reportFilters.to,
  timeZone: reportFilters.timeZone,
  agent: reportFilters.agent,
  recentDays: Days('recentDays', 7).meta({ description: 'The recent window, ending with `to`' }),
  baselineDays: Days('baselineDays', 28).meta({
    description: 'The baseline window, just before the recent one',
  }),
  limit: z.coerce.number().int().min(1).max(100, 'limit must be at most 100').default(20),
});
export type TrendsQuery = z.infer<typeof TrendsQuery>;

export const exportReports = ['overview', 'agents', 'csat', 'tickets'] as const;
export const ExportQuery = z
  .strictObject({
    ...reportFilters,
    report: z.enum(exportReports).meta({ description: 'Which report to export' }),
  })
  .superRefine(checkRange);
export type ExportQuery = z.infer<typeof ExportQuery>;

const Seconds = z.number().nullable().meta({ description: 'Seconds; null when nothing was measured' });
const DurationFigures = z.object({
  p50: Seconds,
  p90: Seconds,
  avgSeconds: Seconds,
});
const Durations = DurationFigures.extend({
  business: DurationFigures.meta({
    description: "The same in business time, under each ticket's SLA calendar",
  }),
});
const ClockFigures = z.object({ met: z.int(), breached: z.int(), compliance: z.number().nullable() });
const Csat = z.object({
  responses: z.int(),
  average: z.number().nullable(),
  distribution: z.record(z.string(), z.int()).meta({ description: 'Responses per rating "1" … "5"' }),
});

export const SeriesPoint = z
  .object({
    start: z.string().meta({ description: 'The local date the point starts on' }),
    created: z.int(),
    resolved: z.int(),
    closed: z.int(),
    firstResponseP50: Seconds,
    firstResponseP90: Seconds,
    slaCompliance: z.number().nullable(),
    backlog: z.int().meta({ description: 'Active tickets at the end of the point' }),
    csatAverage: z.number().nullable(),
  })
  .meta({ id: 'ReportSeriesPoint' });
export type SeriesPoint = z.infer<typeof SeriesPoint>;

export const Overview = z
  .object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    interval: z.string(),
    totals: z.object({
      created: z.int(),
      firstResponded: z.int(),
      resolved: z.int(),
      closed: z.int(),
      reopened: z.int(),
      backlog: z.int(),
      deflections: z.int().meta({
        description: 'Clients who read a suggested article and opened no ticket (by organisation only)',
      }),
    }),
    firstResponseTime: Durations,
    resolutionTime: Durations,
    sla: z.object({ timeToOpen: ClockFigures, timeToResolve: ClockFigures, totalServiceTime: ClockFigures }),
    csat: Csat,
    series: z.array(SeriesPoint),
  })
  .meta({ id: 'ReportOverview' });
export type Overview = z.infer<typeof Overview>;

export const AgentRow = z
  .object({
    agent: z.object({ id: z.string(), name: z.string() }),
    assigned: z.int(),
    resolved: z.int(),
    firstResponseP50: Seconds,
    resolutionP50: Seconds,
    slaCompliance: z.number().nullable(),
    csatAverage: z.number().nullable(),
    csatResponses: z.int(),
    reopenedRate: z.number().nullable(),
    rank: z
      .int()
      .nullable()
      .meta({ description: 'Among agents with at least minTickets resolved; null when not ranked' }),
    flag: z.enum(['best', 'weakest']).nullable(),
  })
  .meta({ id: 'ReportAgentRow' });
export type AgentRow = z.infer<typeof AgentRow>;

export const AgentsReport = z
  .object({ from: z.string(), to: z.string(), minTickets: z.int(), items: z.array(AgentRow) })
  .meta({ id: 'ReportAgents' });

export const CsatItem = z
  .object({
    ticketId: z.string(),
    reference: z.string(),
    rating: z.int(),
    comment: z.string().nullable(),
    createdAt: z.string(),
    agent: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: 'ReportCsatResponse' });
export type CsatItem = z.infer<typeof CsatItem>;

export const CsatReport = z
  .object({ items: z.array(CsatItem), nextCursor: z.string().nullable() })
  .meta({ id: 'ReportCsatPage' });

export const Trend = z
  .object({
    topic: z.string(),
    kind: z.enum(topicKinds),
    recent: z.int(),
    baseline: z.int(),
    ratio: z.number().nullable().meta({
      description: 'Daily rate in the recent window over the baseline rate; null when the baseline is 0',
    }),
    score: z
      .number()
      .meta({ description: 'Signed root of the log-likelihood ratio (G) statistic; reported from 3' }),
    examples: z.array(z.string()).meta({ description: 'References of tickets that mention it' }),
  })
  .meta({ id: 'ReportTrend' });
export type Trend = z.infer<typeof Trend>;

export const TrendsReport = z
  .object({
    recent: z.object({ from: z.string(), to: z.string() }),
    baseline: z.object({ from: z.string(), to: z.string() }),
    items: z.array(Trend),
  })
  .meta({ id: 'ReportTrends' });
export type TrendsReport = z.infer<typeof TrendsReport>;
