import * as z from 'zod';
import type { Feedback, Ticket } from '#tickets/schemas.js';
import { activeStatuses } from '#tickets/status.js';
import { type Contribution, type Dimensions, durationValues } from './cells.js';

/** Where a ticket stands on one SLA clock, for reports: no target, running, met or breached. */
export const ClockOutcome = z.enum(['none', 'running', 'met', 'breached']);
export type ClockOutcome = z.infer<typeof ClockOutcome>;

export const slaClocks = ['timeToOpen', 'timeToResolve', 'totalServiceTime'] as const;
export type SlaClock = (typeof slaClocks)[number];

const clockPrefix: Record<SlaClock, 'tto' | 'ttr' | 'tst'> = {
  timeToOpen: 'tto',
  timeToResolve: 'ttr',
  totalServiceTime: 'tst',
};

/**
 * The report's view of one ticket (docs/reports.md): its current dimensions and the figures
 * already counted for it, so each is counted once (first response, first resolution, each
 * clock's outcome). One item per ticket, kept by the reports consumer; the tickets export
 * reads these.
 */
export const ReportFact = z.object({
  ticketId: z.string(),
  reference: z.string(),
  subject: z.string(),
  orgId: z.string(),
  queue: z.string(),
  priority: z.string(),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  agentId: z.string().nullable(),
  agentName: z.string().nullable(),
  status: z.string(),
  createdAt: z.string(),
  firstRespondedAt: z.string().nullable(),
  firstResponseSeconds: z.number().nullable(),
  firstResponseBusinessSeconds: z.number().nullable(),
  firstResolvedAt: z.string().nullable(),
  resolutionSeconds: z.number().nullable(),
  resolutionBusinessSeconds: z.number().nullable(),
  closedAt: z.string().nullable(),
  reopened: z.int(),
  sla: z.object({ timeToOpen: ClockOutcome, timeToResolve: ClockOutcome, totalServiceTime: ClockOutcome }),
  csat: z.int().nullable(),
  /** The last ticket version counted. */
  version: z.int(),
});
export type ReportFact = z.infer<typeof ReportFact>;

/** Business time (seconds) between two instants under the ticket's SLA calendar. */
export type BusinessSeconds = (from: string, to: string) => number;

const isActive = (status: string) => (activeStatuses as readonly string[]).includes(status);

export const dimensionsOf = (
  ticket: Pick<Ticket, 'orgId' | 'queue' | 'priority' | 'category' | 'assignee'>,
): Dimensions => ({
  orgId: ticket.orgId,
  queue: ticket.queue,
  priority: ticket.priority,
  category: ticket.category ?? '',
  agent: ticket.assignee?.id ?? '',
});

export const factDimensions = (fact: ReportFact): Dimensions => ({
  orgId: fact.orgId,
  queue: fact.queue,
  priority: fact.priority,
  category: fact.category ?? '',
  agent: fact.agentId ?? '',
});

const seconds = (from: string, to: string) => Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);

const targetOf = (ticket: Ticket, clock: SlaClock): string | null =>
  clock === 'timeToOpen'
    ? ticket.sla.firstResponseDueAt
    : clock === 'timeToResolve'
      ? ticket.sla.resolutionDueAt
      : ticket.sla.totalDueAt;

/**
 * What a ticket change (its item before and after one write) adds to the reports, and the
 * fact after it. Pure: the consumer and the rebuild both call it. Definitions: docs/reports.md.
 */
export const contributionsOfChange = (
  before: Ticket | null,
  after: Ticket,
  known: ReportFact | null,
  business: BusinessSeconds,
): { fact: ReportFact; contributions: Contribution[] } => {
  const fact: ReportFact = known
    ? { ...known, sla: { ...known.sla } }
    : {
        ticketId: after.id,
        reference: after.reference,
        subject: after.subject,
        orgId: after.orgId,
        queue: after.queue,
        priority: after.priority,
        category: after.category,
        tags: after.tags,
        agentId: null,
        agentName: null,
        status: before?.status ?? after.status,
        createdAt: after.createdAt,
        firstRespondedAt: null,
        firstResponseSeconds: null,
        firstResponseBusinessSeconds: null,
        firstResolvedAt: null,
        resolutionSeconds: null,
        resolutionBusinessSeconds: null,
        closedAt: null,
        reopened: 0,
        sla: { timeToOpen: 'none', timeToResolve: 'none', totalServiceTime: 'none' },
        csat: null,
        version: 0,
      };
  const dims = dimensionsOf(after);
  const agentName = after.assignee?.name ?? null;
  const contributions: Contribution[] = [];
  const add = (at: string, values: Record<string, number>) =>
    contributions.push({ at, dims, values, agentName });
  const changedAt = after.updatedAt;
  const previousStatus = before?.status ?? null;

  if (!before) {
    add(after.createdAt, { created: 1, ...(isActive(after.status) ? { backlog: 1 } : {}) });
    if (after.assignee) add(after.createdAt, { assigned: 1 });
  } else {
    if (after.assignee && after.assignee.id !== before.assignee?.id) add(changedAt, { assigned: 1 });
    if (isActive(before.status) !== isActive(after.status))
      add(changedAt, { backlog: isActive(after.status) ? 1 : -1 });
  }

  if (!fact.firstRespondedAt && after.sla.firstRespondedAt) {
    const at = after.sla.firstRespondedAt;
    fact.firstRespondedAt = at;
    fact.firstResponseSeconds = Math.round(seconds(after.createdAt, at));
    fact.firstResponseBusinessSeconds = Math.round(business(after.createdAt, at));
    add(at, {
      firstResponded: 1,
      ...durationValues('frt', fact.firstResponseSeconds),
      ...durationValues('frtBusiness', fact.firstResponseBusinessSeconds),
    });
  }

  if (previousStatus !== after.status) {
    if (after.status === 'resolved' && !fact.firstResolvedAt) {
      fact.firstResolvedAt = changedAt;
      fact.resolutionSeconds = Math.round(seconds(after.createdAt, changedAt));
      fact.resolutionBusinessSeconds = Math.round(business(after.createdAt, changedAt));
      add(changedAt, {
        resolved: 1,
        ...durationValues('res', fact.resolutionSeconds),
        ...durationValues('resBusiness', fact.resolutionBusinessSeconds),
      });
    }
    if (after.status === 'closed') {
      fact.closedAt = changedAt;
      add(changedAt, { closed: 1 });
    }
    if (previousStatus === 'resolved' && isActive(after.status)) {
      fact.reopened += 1;
      add(changedAt, { reopened: 1 });
    }
  }

  // SLA clocks: a target seen makes the clock run; a breach record settles it as breached; the
  // clock's stop (TTS: leaving `new`; TTR and TST: closed or merged) settles a running one as met.
  for (const clock of slaClocks) {
    if (fact.sla[clock] === 'none' && (targetOf(after, clock) || (before && targetOf(before, clock))))
      fact.sla[clock] = 'running';
    const breach = after.sla.breaches.find((b) => b.clock === clock);
    const breachedBefore = before?.sla.breaches.some((b) => b.clock === clock) ?? false;
    if (breach && !breachedBefore && fact.sla[clock] !== 'breached') {
      const wasMet = fact.sla[clock] === 'met';
      fact.sla[clock] = 'breached';
      // A breach after the clock was counted met (a reopened ticket) replaces that count.
      add(breach.at, {
        [`${clockPrefix[clock]}Breached`]: 1,
        ...(wasMet ? { [`${clockPrefix[clock]}Met`]: -1 } : {}),
      });
    }
  }
  const stops: Record<SlaClock, boolean> = {
    timeToOpen: previousStatus === 'new' && after.status !== 'new',
    timeToResolve:
      previousStatus !== after.status && (after.status === 'closed' || after.status === 'merged'),
    totalServiceTime:
      previousStatus !== after.status && (after.status === 'closed' || after.status === 'merged'),
  };
  for (const clock of slaClocks) {
    if (stops[clock] && fact.sla[clock] === 'running') {
      fact.sla[clock] = 'met';
      add(changedAt, { [`${clockPrefix[clock]}Met`]: 1 });
    }
  }

  Object.assign(fact, {
    subject: after.subject,
    orgId: after.orgId,
    queue: after.queue,
    priority: after.priority,
    category: after.category,
    tags: after.tags,
    agentId: after.assignee?.id ?? null,
    agentName,
    status: after.status,
    version: after.version,
  });
  return { fact, contributions };
};

/** What a rating adds: counted at its time, under the ticket's dimensions then. */
export const contributionsOfFeedback = (
  fact: ReportFact,
  feedback: Pick<Feedback, 'rating' | 'createdAt'>,
): { fact: ReportFact; contributions: Contribution[] } => {
  if (fact.csat !== null) return { fact, contributions: [] };
  return {
    fact: { ...fact, csat: feedback.rating },
    contributions: [
      {
        at: feedback.createdAt,
        dims: factDimensions(fact),
        values: { [`csat${feedback.rating}`]: 1, csatSum: feedback.rating },
        agentName: fact.agentName,
      },
    ],
  };
};
