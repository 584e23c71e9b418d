import type { Ticket } from '../../api/types.js';

export type SlaClock = 'timeToOpen' | 'timeToResolve' | 'totalServiceTime';

export interface Deadline {
  clock: SlaClock;
  dueAt: string;
}

/** How a ticket stands against its SLA, for the badge colour. */
export type SlaTone = 'none' | 'ok' | 'at_risk' | 'breached' | 'paused';

/** Fraction of a clock's span after which the portal shows it as at risk when the policy is not known. */
export const DEFAULT_AT_RISK = 0.8;

type SlaTicket = Pick<Ticket, 'status' | 'createdAt' | 'sla'>;

const finished = (status: Ticket['status']) => status === 'closed' || status === 'merged';

/**
 * The deadlines still running for a ticket: time to open (TTS) until an agent opens it (picks it
 * up or answers: it leaves `new`), resolution while it is worked on (not while paused in
 * pending/on hold, not once a solution is proposed), and the total service time until it is closed.
 */
export const runningDeadlines = (ticket: SlaTicket): Deadline[] => {
  if (finished(ticket.status)) return [];
  const { sla } = ticket;
  const deadlines: Deadline[] = [];
  // No status leads back to `new`: a ticket still there has never been opened.
  if (sla.firstResponseDueAt && ticket.status === 'new')
    deadlines.push({ clock: 'timeToOpen', dueAt: sla.firstResponseDueAt });
  if (sla.resolutionDueAt && !sla.paused && (ticket.status === 'new' || ticket.status === 'open'))
    deadlines.push({ clock: 'timeToResolve', dueAt: sla.resolutionDueAt });
  if (sla.totalDueAt) deadlines.push({ clock: 'totalServiceTime', dueAt: sla.totalDueAt });
  return deadlines;
};

/** The earliest running deadline, or null when no clock runs. */
export const nextDeadline = (ticket: SlaTicket): Deadline | null => {
  let next: Deadline | null = null;
  for (const deadline of runningDeadlines(ticket)) {
    if (!next || Date.parse(deadline.dueAt) < Date.parse(next.dueAt)) next = deadline;
  }
  return next;
};

/** Milliseconds until the next deadline (negative once passed); +Infinity when no clock runs. */
export const msToNextDeadline = (ticket: SlaTicket, now: number): number => {
  const next = nextDeadline(ticket);
  return next ? Date.parse(next.dueAt) - now : Number.POSITIVE_INFINITY;
};

/**
 * Breached when a running deadline has passed or the API recorded a breach on a clock that is
 * still running; at risk when less than (1 - atRisk) of the deadline's span (from creation) is left.
 */
export const slaTone = (ticket: SlaTicket, now: number, atRisk = DEFAULT_AT_RISK): SlaTone => {
  const running = runningDeadlines(ticket);
  if (running.length === 0) return ticket.sla.paused && !finished(ticket.status) ? 'paused' : 'none';
  const runningClocks = new Set(running.map((deadline) => deadline.clock));
  if (ticket.sla.breaches.some((breach) => runningClocks.has(breach.clock))) return 'breached';
  const created = Date.parse(ticket.createdAt);
  let tone: SlaTone = 'ok';
  for (const deadline of running) {
    const due = Date.parse(deadline.dueAt);
    if (due <= now) return 'breached';
    const span = due - created;
    if (span > 0 && due - now <= span * (1 - atRisk)) tone = 'at_risk';
  }
  return tone;
};

/** Sorts tickets by their next SLA deadline, soonest (or most overdue) first; tickets without one last. */
export const byNextDeadline = <T extends SlaTicket>(tickets: readonly T[], now: number): T[] =>
  [...tickets].sort((a, b) => {
    const left = msToNextDeadline(a, now);
    const right = msToNextDeadline(b, now);
    if (left === right) return Date.parse(a.createdAt) - Date.parse(b.createdAt);
    return left < right ? -1 : 1;
  });
