import type { Ticket } from '#tickets/schemas.js';
import { emptySla, type SlaBreach, type SlaCheckKind, type SlaState } from '#tickets/sla-state.js';
import { isFinal, isPausedStatus, type TicketStatus } from '#tickets/status.js';
import { aroundTheClock, type CalendarTime, calendarTime, type SlaCalendar } from './calendar.js';
import { durationSeconds } from './duration.js';
import type { SlaPolicy } from './policy.js';

/**
 * The SLA clocks as pure functions of the ticket, its policy and its calendar (see docs/sla.md).
 *
 * The ticket carries just enough bookkeeping that each change costs O(1): TTS and TST are
 * fixed offsets from creation; TTR keeps the business time used so far plus since when it
 * runs. From that, every reminder, escalation, re-queue and auto-close point can be derived
 * at any moment, and the earliest one not yet handled is the ticket's next check.
 */

export type ClockName = SlaBreach['clock'];

/** A policy resolved for computation: durations in milliseconds, the calendar ready to walk. */
export interface SlaSettings {
  policyId: string | null;
  /** The policy itself, pinned on the ticket so a later policy change leaves it alone. */
  policy: SlaPolicy | null;
  time: CalendarTime;
  timeToOpenMs: number | null;
  timeToResolveMs: number | null;
  totalServiceTimeMs: number | null;
  reminders: readonly number[];
  atRisk: number | null;
  pickupTimeoutMs: number | null;
  autoCloseAfterMs: number;
  /** No public message for this long raises `ticket.idle` (real time); null: never. */
  idleAfterMs: number | null;
}

export const DEFAULT_AUTO_CLOSE_MS = 72 * 60 * 60 * 1000;

const ms = (duration: Parameters<typeof durationSeconds>[0] | null): number | null =>
  duration === null ? null : durationSeconds(duration) * 1000;

/**
 * The settings for a ticket under `policy` (null: no policy matched, so no clock runs, but a
 * resolved ticket still closes itself after the default 72 h). An unknown calendar falls back
 * to around the clock rather than stopping the clocks.
 */
export const settingsFor = (
  policy: SlaPolicy | null,
  calendarOf: (id: string) => SlaCalendar | undefined = () => undefined,
): SlaSettings => {
  if (!policy) {
    return {
      policyId: null,
      policy: null,
      time: calendarTime(aroundTheClock),
      timeToOpenMs: null,
      timeToResolveMs: null,
      totalServiceTimeMs: null,
      reminders: [],
      atRisk: null,
      pickupTimeoutMs: null,
      autoCloseAfterMs: DEFAULT_AUTO_CLOSE_MS,
      idleAfterMs: null,
    };
  }
  return {
    policyId: policy.id,
    policy,
    time: calendarTime(calendarOf(policy.calendarId) ?? aroundTheClock),
    timeToOpenMs: ms(policy.targets.timeToOpen),
    timeToResolveMs: ms(policy.targets.timeToResolve),
    totalServiceTimeMs: ms(policy.targets.totalServiceTime),
    reminders: policy.reminders,
    atRisk: policy.atRisk,
    pickupTimeoutMs: ms(policy.pickupTimeout),
    autoCloseAfterMs: ms(policy.autoCloseAfter) ?? DEFAULT_AUTO_CLOSE_MS,
    idleAfterMs: ms(policy.idleAfter ?? null),
  };
};

/** TTR runs while the help desk has the ball. */
export const resolutionRuns = (status: TicketStatus): boolean => status === 'new' || status === 'open';

/** The `sla` block with every bookkeeping field present. */
export type TrackedSla = ReturnType<typeof emptySla>;

/** Tickets written before a bookkeeping field existed read as if it had its initial value. */
export const normalizeSla = (sla: SlaState | undefined): TrackedSla => {
  const full = emptySla();
  for (const [key, value] of Object.entries(sla ?? {})) {
    if (value !== undefined) Object.assign(full, { [key]: value });
  }
  return full;
};

/** Who is told about a point. */
export type Audience = 'assignee' | 'queue' | 'leads' | 'leads-and-admins' | 'requester';

/** One moment at which the SLA engine has something to do for a ticket. */
export interface SlaPoint {
  kind: SlaCheckKind;
  clock: ClockName | 'pickup' | 'autoClose' | 'postponement' | 'idle';
  /** `reminder-50`, `at-risk`, `breach`, or the instant the pickup/auto-close timer started (epoch ms). */
  level: string;
  /** Within one clock, a due point of a higher rank supersedes the lower ones. */
  rank: number;
  at: Date;
  /** The clock's own deadline (for a reminder or an at-risk warning, later than `at`). */
  deadline: Date;
  /** For reminders: the fraction of the target reached. */
  fraction?: number;
}

export const noticeId = (point: Pick<SlaPoint, 'clock' | 'level'>): string => `${point.clock}:${point.level}`;

/** Whole percent, as the mail module keys reminders (policies keep reminders a percent apart). */
export const reminderLevel = (fraction: number): string => `reminder-${Math.round(fraction * 100)}`;

const kindOrder: Record<SlaCheckKind, number> = {
  idle: 5,
  'wake-up': 0,
  'auto-close': 1,
  requeue: 2,
  escalation: 3,
  reminder: 4,
};

const byTime = (a: SlaPoint, b: SlaPoint): number =>
  a.at.getTime() - b.at.getTime() || kindOrder[a.kind] - kindOrder[b.kind] || b.rank - a.rank;

/**
 * Every point of the ticket not yet handled, earliest first. Points already in the past are
 * due; the first one in the future is when the next check should fire.
 */
export const pendingPoints = (ticket: Ticket, settings: SlaSettings): SlaPoint[] => {
  const sla = normalizeSla(ticket.sla);
  const created = new Date(ticket.createdAt);
  const time = settings.time;
  const points: SlaPoint[] = [];

  const tts = settings.timeToOpenMs;
  if (tts !== null && sla.openedAt === null && ticket.status === 'new') {
    const deadline = time.addBusinessTime(created, tts);
    settings.reminders.forEach((fraction, i) => {
      points.push({
        kind: 'reminder',
        clock: 'timeToOpen',
        level: reminderLevel(fraction),
        rank: i,
        at: time.addBusinessTime(created, Math.round(fraction * tts)),
        deadline,
        fraction,
      });
    });
    points.push({
      kind: 'escalation',
      clock: 'timeToOpen',
      level: 'breach',
      rank: 100,
      at: deadline,
      deadline,
    });
  }

  const ttr = settings.timeToResolveMs;
  if (ttr !== null && sla.resolutionRunningSince !== null) {
    const since = new Date(sla.resolutionRunningSince);
    const reach = (threshold: number): Date =>
      threshold <= sla.resolutionElapsedMs
        ? since
        : time.addBusinessTime(since, threshold - sla.resolutionElapsedMs);
    const deadline = reach(ttr);
    settings.reminders.forEach((fraction, i) => {
      points.push({
        kind: 'reminder',
        clock: 'timeToResolve',
        level: reminderLevel(fraction),
        rank: i,
        at: reach(Math.round(fraction * ttr)),
        deadline,
        fraction,
      });
    });
    points.push({
      kind: 'escalation',
      clock: 'timeToResolve',
      level: 'breach',
      rank: 100,
      at: deadline,
      deadline,
    });
  }

  // TST never pauses, but while a solution waits on the client nobody at the desk can act on
  // it: its warnings wait until the ticket is reopened (docs/sla.md).
  const tst = settings.totalServiceTimeMs;
  if (tst !== null && ticket.status !== 'resolved' && !isFinal(ticket.status)) {
    const deadline = time.addBusinessTime(created, tst);
    if (settings.atRisk !== null) {
      points.push({
        kind: 'escalation',
        clock: 'totalServiceTime',
        level: 'at-risk',
        rank: 50,
        at: time.addBusinessTime(created, Math.round(settings.atRisk * tst)),
        deadline,
      });
    }
    points.push({
      kind: 'escalation',
      clock: 'totalServiceTime',
      level: 'breach',
      rank: 100,
      at: deadline,
      deadline,
    });
  }

  const pickup = settings.pickupTimeoutMs;
  if (pickup !== null && ticket.status === 'new' && ticket.assignee && sla.assignedAt !== null) {
    const assigned = new Date(sla.assignedAt);
    const at = time.addBusinessTime(assigned, pickup);
    points.push({
      kind: 'requeue',
      clock: 'pickup',
      level: String(assigned.getTime()),
      rank: 0,
      at,
      deadline: at,
    });
  }

  if (ticket.status === 'resolved' && sla.resolvedAt !== null) {
    const resolved = new Date(sla.resolvedAt);
    // The client's silence is measured in real time, not in business hours.
    const at = new Date(resolved.getTime() + settings.autoCloseAfterMs);
    points.push({
      kind: 'auto-close',
      clock: 'autoClose',
      level: String(resolved.getTime()),
      rank: 0,
      at,
      deadline: at,
    });
  }

  if (ticket.status === 'postponed' && ticket.postponedUntil) {
    // The date is real time, like the auto-close: a postponement is a promise to the client.
    const at = new Date(ticket.postponedUntil);
    points.push({
      kind: 'wake-up',
      clock: 'postponement',
      level: String(at.getTime()),
      rank: 0,
      at,
      deadline: at,
    });
  }

  const idleAfter = settings.idleAfterMs;
  if (idleAfter !== null && idleStatuses.includes(ticket.status)) {
    // Quiet since the last public message (either side), or since creation; once per quiet spell.
    const since = new Date(sla.lastPublicMessageAt ?? ticket.createdAt);
    const at = new Date(since.getTime() + idleAfter);
    points.push({ kind: 'idle', clock: 'idle', level: String(since.getTime()), rank: 0, at, deadline: at });
  }

  const done = new Set(sla.notified);
  return points.filter((point) => !done.has(noticeId(point))).sort(byTime);
};

/** The statuses in which a quiet ticket is idle: still being worked on, and not postponed on purpose. */
const idleStatuses: readonly TicketStatus[] = ['new', 'open', 'answered', 'pending', 'on_hold'];

/** A notice the engine owes someone, exactly once per (ticket, clock, level). */
export interface SlaNotice {
  kind: Exclude<SlaCheckKind, 'wake-up' | 'idle'>;
  clock: Exclude<SlaPoint['clock'], 'postponement' | 'idle'>;
  level: string;
  audience: Audience;
  /** When the point was due (the notice is late by now − dueAt). */
  dueAt: string;
  /** The clock's deadline: what a reminder or an at-risk warning tells as "due". */
  deadline: string;
  /** For reminders: the fraction of the target reached. */
  fraction?: number;
}

export interface Settlement {
  notices: SlaNotice[];
  /** Breaches detected now, to add to the ticket. */
  breaches: SlaBreach[];
  /** Notice ids handled now: sent, or superseded by a later level of the same clock. */
  handled: string[];
  requeue: boolean;
  autoClose: boolean;
  /** The postponement is over: the ticket goes back to `open`. */
  wakeUp: boolean;
  /** The ticket went quiet: the idle point's id (added to `notified`), to record `ticket.idle`. */
  idle: string | null;
}

/** A point that tells someone something (a wake-up only changes the status). */
type NoticePoint = SlaPoint & Pick<SlaNotice, 'kind' | 'clock'>;
const isNoticePoint = (point: SlaPoint): point is NoticePoint =>
  point.kind !== 'wake-up' && point.kind !== 'idle';

const audienceOf = (point: NoticePoint, ticket: Ticket): Audience => {
  switch (point.kind) {
    case 'reminder':
      return ticket.assignee ? 'assignee' : 'queue';
    case 'escalation':
      return point.clock === 'totalServiceTime' && point.level === 'breach' ? 'leads-and-admins' : 'leads';
    case 'requeue':
      return 'queue';
    case 'auto-close':
      return 'requester';
  }
};

/**
 * What is due at `now`: a check acts on every due point, whatever kind woke it, so the next
 * check is always in the future. Of several due points of one clock only the highest level
 * is announced (a late check escalates the breach and does not also send stale reminders).
 */
export const settle = (ticket: Ticket, settings: SlaSettings, now: Date): Settlement => {
  const sla = normalizeSla(ticket.sla);
  const allDue = pendingPoints(ticket, settings).filter((point) => point.at.getTime() <= now.getTime());
  const due = allDue.filter(isNoticePoint);
  const top = new Map<string, NoticePoint>();
  for (const point of due) {
    const best = top.get(point.clock);
    if (!best || point.rank > best.rank) top.set(point.clock, point);
  }
  const notices: SlaNotice[] = [...top.values()].sort(byTime).map((point) => ({
    kind: point.kind,
    clock: point.clock,
    level: point.level,
    audience: audienceOf(point, ticket),
    dueAt: point.at.toISOString(),
    deadline: point.deadline.toISOString(),
    ...(point.fraction === undefined ? {} : { fraction: point.fraction }),
  }));
  const breaches: SlaBreach[] = [];
  for (const point of due) {
    if (point.level !== 'breach' || point.clock === 'pickup' || point.clock === 'autoClose') continue;
    const clock = point.clock;
    if (!sla.breaches.some((b) => b.clock === clock) && !breaches.some((b) => b.clock === clock))
      breaches.push({ clock, at: point.at.toISOString() });
  }
  return {
    notices,
    breaches,
    handled: due.filter((point) => point.kind === 'reminder' || point.kind === 'escalation').map(noticeId),
    requeue: due.some((point) => point.kind === 'requeue'),
    autoClose: due.some((point) => point.kind === 'auto-close'),
    wakeUp: allDue.some((point) => point.kind === 'wake-up'),
    idle: ((point) => (point ? noticeId(point) : null))(allDue.find((point) => point.kind === 'idle')),
  };
};

/** The next check: the earliest pending point (possibly already due), or null when nothing is left. */
export const nextCheck = (ticket: Ticket, settings: SlaSettings): { at: Date; kind: SlaCheckKind } | null => {
  const [first] = pendingPoints(ticket, settings);
  return first ? { at: first.at, kind: first.kind } : null;
};

const iso = (date: Date): string => date.toISOString();

const resolutionDeadline = (sla: TrackedSla, settings: SlaSettings): string | null => {
  const ttr = settings.timeToResolveMs;
  if (ttr === null || sla.resolutionRunningSince === null) return null;
  const since = new Date(sla.resolutionRunningSince);
  const remaining = ttr - sla.resolutionElapsedMs;
  if (remaining > 0) return iso(settings.time.addBusinessTime(since, remaining));
  return sla.breaches.find((b) => b.clock === 'timeToResolve')?.at ?? iso(since);
};

export interface TrackInput {
  /** The ticket before the change; null when it is being created. */
  previous: Ticket | null;
  /** The ticket after the change, as the use case computed it. */
  next: Ticket;
  settings: SlaSettings;
  /** The settings in force before the change (the calendar TTR ran on until now). */
  previousSettings?: SlaSettings;
  now: Date;
}

/**
 * Brings the `sla` block up to date for one change of the ticket at `now`, in O(1): stops TTS
 * when the ticket leaves `new`, folds the TTR business time used since the last change,
 * starts or stops TTR, notes when a solution was proposed or an assignee set, records
 * breaches that the change reveals, and recomputes the deadlines. Schedule fields are left
 * as they are (see `armCheck`).
 */
export const trackSla = (input: TrackInput): { sla: TrackedSla; breaches: SlaBreach[] } => {
  const { previous, next, settings, now } = input;
  const previousSettings = input.previousSettings ?? settings;
  const at = iso(now);
  const created = new Date(next.createdAt);
  const sla: TrackedSla = { ...normalizeSla(next.sla), policyId: settings.policyId, policy: settings.policy };
  const breaches: SlaBreach[] = [];
  const breach = (clock: ClockName, when: Date) => {
    if (sla.breaches.some((b) => b.clock === clock)) return;
    const recorded = { clock, at: iso(when) };
    sla.breaches = [...sla.breaches, recorded];
    breaches.push(recorded);
  };

  if (sla.openedAt === null && next.status !== 'new') {
    sla.openedAt = at;
    if (settings.timeToOpenMs !== null) {
      const due = settings.time.addBusinessTime(created, settings.timeToOpenMs);
      if (now > due) breach('timeToOpen', due);
    }
  }

  if (sla.resolutionRunningSince !== null) {
    const since = new Date(sla.resolutionRunningSince);
    const before = sla.resolutionElapsedMs;
    const used = previousSettings.time.businessTimeBetween(since, now);
    sla.resolutionElapsedMs = before + used;
    const target = previousSettings.timeToResolveMs;
    if (target !== null && before < target && before + used > target)
      breach('timeToResolve', previousSettings.time.addBusinessTime(since, target - before));
  }
  sla.resolutionRunningSince = resolutionRuns(next.status) ? at : null;

  sla.resolvedAt =
    next.status !== 'resolved'
      ? null
      : previous?.status === 'resolved' && sla.resolvedAt !== null
        ? sla.resolvedAt
        : at;

  if (next.status !== 'new' || !next.assignee) sla.assignedAt = null;
  else if (!previous || previous.assignee?.id !== next.assignee.id || sla.assignedAt === null)
    sla.assignedAt = at;

  if (next.status === 'closed' && settings.totalServiceTimeMs !== null) {
    const due = settings.time.addBusinessTime(created, settings.totalServiceTimeMs);
    if (now > due) breach('totalServiceTime', due);
  }

  sla.paused = isPausedStatus(next.status);
  sla.firstResponseDueAt =
    settings.timeToOpenMs === null
      ? null
      : iso(settings.time.addBusinessTime(created, settings.timeToOpenMs));
  sla.totalDueAt =
    settings.totalServiceTimeMs === null
      ? null
      : iso(settings.time.addBusinessTime(created, settings.totalServiceTimeMs));
  sla.resolutionDueAt = resolutionDeadline(sla, settings);
  return { sla, breaches };
};

/** Deterministic and unique per arming: a fired schedule's name is never reused. */
export const scheduleNameFor = (ticketId: string, generation: number): string => `${ticketId}-${generation}`;

/**
 * Aims the ticket's one timer at `check`. An unchanged aim keeps the armed schedule; any other
 * aim takes the next generation (and so a new name). `consumed` says the armed schedule has
 * fired and is gone, so even the same aim needs a new one.
 */
export const armCheck = (
  ticketId: string,
  sla: TrackedSla,
  check: { at: Date; kind: SlaCheckKind } | null,
  consumed = false,
): TrackedSla => {
  if (!check) return { ...sla, scheduleName: null, nextCheckAt: null, nextCheckKind: null };
  const at = iso(check.at);
  if (!consumed && sla.scheduleName !== null && sla.nextCheckAt === at && sla.nextCheckKind === check.kind)
    return sla;
  const generation = sla.scheduleGeneration + 1;
  return {
    ...sla,
    scheduleGeneration: generation,
    scheduleName: scheduleNameFor(ticketId, generation),
    nextCheckAt: at,
    nextCheckKind: check.kind,
  };
};
