import { PreconditionFailed } from '#platform/errors.js';
import type { Clock, IdGenerator } from '#platform/ports.js';
import { AssigneeAtCapacity, type StoredEvent, type TicketChange, type TicketStore } from '#tickets/ports.js';
import type { Change, Ticket } from '#tickets/schemas.js';
import type { SlaBreach } from '#tickets/sla-state.js';
import { makeEvent, systemActor } from '#tickets/ticket.js';
import type { TicketHooks } from '#tickets/use-cases/deps.js';
import {
  armCheck,
  nextCheck,
  normalizeSla,
  type SlaNotice,
  scheduleNameFor,
  settle,
  trackSla,
} from './clocks.js';
import {
  currentSettingsForTicket,
  rematches,
  type SlaConfigCache,
  settingsForTicket,
} from './configuration.js';
import type { SlaCheckPayload } from './payload.js';
import { reapplyTo } from './policy-impact.js';
import type { Log, Scheduler, SlaConfiguration, SlaMailNotice } from './ports.js';

/**
 * The SLA engine at the edges of the ticket use cases: `slaHooks` keeps the `sla` block and
 * the ticket's one timer in step with every change, and `runSlaCheck` is what a timer does
 * when it fires (see docs/sla.md). The engine decides and records; the notices it records are
 * mailed by the sla-notices stream consumer.
 */
export interface SlaEngineDeps {
  store: TicketStore;
  config: SlaConfigCache;
  scheduler: Scheduler;
  clock: Clock;
  ids: IdGenerator;
  log: Log;
  /**
   * Completes a change the engine writes, before the write: auto-assignment hands a re-queued
   * ticket to another member of its queue (shared/queues, docs/routing.md). None: it waits.
   */
  route?: (change: TicketChange, now: Date) => Promise<TicketChange>;
}

/** What the ticket's armed timer delivers; null when no timer is armed. */
export const checkPayloadOf = (ticket: Ticket): SlaCheckPayload | null => {
  const sla = normalizeSla(ticket.sla);
  if (!sla.scheduleName || !sla.nextCheckAt || !sla.nextCheckKind) return null;
  return {
    ticketId: ticket.id,
    kind: sla.nextCheckKind,
    generation: sla.scheduleGeneration,
    dueAt: sla.nextCheckAt,
  };
};

const clockNames: Record<SlaNotice['clock'], string> = {
  timeToOpen: 'time to open (TTS)',
  timeToResolve: 'time to resolve (TTR)',
  totalServiceTime: 'total service time (TST)',
  pickup: 'pickup timeout',
  autoClose: 'auto-close',
};

const describeNotice = (notice: SlaNotice): string => {
  const clock = clockNames[notice.clock];
  switch (notice.kind) {
    case 'reminder':
      return `Reminder to the ${notice.audience}: ${Math.round((notice.fraction ?? 0) * 100)} % of the ${clock} used`;
    case 'escalation':
      return notice.level === 'at-risk'
        ? `Escalated to the leads: the ${clock} is at risk`
        : `Escalated to the ${notice.audience === 'leads' ? 'leads' : 'leads and admins'}: the ${clock} is breached`;
    case 'requeue':
      return 'Not picked up in time: back to the queue';
    case 'auto-close':
      return 'Closed automatically: the proposed solution had no reply';
  }
};

const eventTypes: Record<SlaNotice['kind'], string> = {
  reminder: 'sla.reminder',
  escalation: 'sla.escalation',
  requeue: 'sla.requeued',
  'auto-close': 'sla.auto-closed',
};

const breachEvents = (deps: SlaEngineDeps, ticketId: string, breaches: SlaBreach[], at: string) =>
  breaches.map((breach) =>
    makeEvent({
      id: deps.ids.next(),
      ticketId,
      type: 'sla.breached',
      actor: systemActor(),
      at,
      changes: [{ field: `sla.breaches.${breach.clock}`, from: null, to: breach.at }],
      internal: true,
      note: `The ${clockNames[breach.clock]} was breached at ${breach.at}`,
    }),
  );

/** Makes sure the ticket's own timer exists (idempotent): heals a timer lost after a commit. */
const ensureArmed = async (deps: SlaEngineDeps, ticket: Ticket): Promise<void> => {
  const payload = checkPayloadOf(ticket);
  const name = normalizeSla(ticket.sla).scheduleName;
  if (payload && name) await deps.scheduler.arm(name, payload);
};

/** Replaces `before` by the ticket's current timer: the new one first, so no moment is without one. */
const retarget = async (deps: SlaEngineDeps, ticket: Ticket, before: string | null): Promise<void> => {
  await ensureArmed(deps, ticket);
  const after = normalizeSla(ticket.sla).scheduleName;
  if (before && before !== after) await deps.scheduler.cancel(before);
};

export const slaHooks = (deps: SlaEngineDeps): TicketHooks => ({
  async prepare(change, now) {
    const config = await deps.config.get();
    // A new ticket, or one whose priority, category, organisation or channel changes, takes the
    // current match; any other change keeps the policy pinned on the ticket.
    const settings =
      change.previous === null || rematches(change.previous, change.ticket)
        ? currentSettingsForTicket(config, change.ticket)
        : settingsForTicket(config, change.ticket);
    const previousSettings = change.previous ? settingsForTicket(config, change.previous) : settings;
    const { sla, breaches } = trackSla({
      previous: change.previous,
      next: change.ticket,
      settings,
      previousSettings,
      now,
    });
    const tracked: Ticket = { ...change.ticket, sla };
    const ticket: Ticket = { ...tracked, sla: armCheck(tracked.id, sla, nextCheck(tracked, settings)) };
    return {
      ...change,
      ticket,
      events: [...change.events, ...breachEvents(deps, ticket.id, breaches, now.toISOString())],
    };
  },

  async committed(change) {
    // The change is stored: a failing timer must not turn it into an error response (the
    // client would retry and, say, post its message twice). It is logged for the alarms and
    // re-ensured by the ticket's next change or check.
    try {
      await retarget(
        deps,
        change.ticket,
        change.previous ? normalizeSla(change.previous.sla).scheduleName : null,
      );
    } catch (error) {
      deps.log.error('Could not arm the SLA timer', { ticketId: change.ticket.id, error: String(error) });
    }
  },
});

/** When a resolved ticket closes itself, for the proposed-solution mail; null when unknown. */
export const autoCloseAtOf = (ticket: Ticket): string | null => {
  const sla = normalizeSla(ticket.sla);
  return ticket.status === 'resolved' && sla.nextCheckKind === 'auto-close' ? sla.nextCheckAt : null;
};

/** A timer this late past its aim was lost (e.g. a crash between commit and arm): any check of the ticket takes over. */
export const LOST_TIMER_GRACE_MS = 5 * 60 * 1000;
const MAX_ATTEMPTS = 5;

export type CheckOutcome =
  /** The ticket does not exist (any more). */
  | 'no-ticket'
  /** The ticket moved on since this timer was armed; its current timer was ensured. */
  | 'stale'
  /** Nothing was due yet: re-armed. */
  | 'early'
  /** Nothing left to watch: the timer is gone. */
  | 'idle'
  /** Due points were acted on and the next check armed. */
  | 'settled';

/**
 * One firing of a ticket's timer. Delivery is at least once, early or late: the check re-reads
 * the ticket, ignores a timer the ticket no longer owns, acts on every point due now, and
 * arms the next check. It only decides and records: each notice is written, with the data its
 * mail needs (`notice`), on the history event of the same versioned transaction as the ticket,
 * and the sla-notices stream consumer sends it (at most once per ticket, clock and level). So a
 * check costs a constant number of calls (read the ticket, one transaction, arm the next timer;
 * the configuration comes from the container's cache) and never waits on mail.
 */
export const runSlaCheck = async (deps: SlaEngineDeps, payload: SlaCheckPayload): Promise<CheckOutcome> => {
  for (let attempt = 1; ; attempt++) {
    const ticket = await deps.store.getTicket(payload.ticketId);
    if (!ticket) return 'no-ticket';
    const sla = normalizeSla(ticket.sla);
    const now = deps.clock.now();
    const owned =
      sla.scheduleName !== null && sla.scheduleName === scheduleNameFor(ticket.id, payload.generation);
    const lost =
      sla.nextCheckAt !== null && now.getTime() - new Date(sla.nextCheckAt).getTime() > LOST_TIMER_GRACE_MS;
    if (!owned && !lost) {
      await ensureArmed(deps, ticket);
      return 'stale';
    }

    const config = await deps.config.get();
    const settings = settingsForTicket(config, ticket);
    const settlement = settle(ticket, settings, now);
    const acts =
      settlement.handled.length > 0 ||
      settlement.breaches.length > 0 ||
      settlement.requeue ||
      settlement.autoClose ||
      settlement.wakeUp ||
      settlement.idle !== null;
    const at = now.toISOString();

    let next: Ticket = {
      ...ticket,
      version: ticket.version + 1,
      updatedAt: at,
      sla: {
        ...sla,
        breaches: [...sla.breaches, ...settlement.breaches],
        notified: [
          ...new Set([...sla.notified, ...settlement.handled, ...(settlement.idle ? [settlement.idle] : [])]),
        ],
      },
    };
    const events: StoredEvent[] = [];
    // Every notice is one event, which carries what its mail needs.
    for (const notice of settlement.notices) {
      const changes: Change[] = [];
      if (notice.kind === 'requeue' && ticket.assignee) {
        next = { ...next, assignee: null };
        changes.push({ field: 'assignee', from: ticket.assignee, to: null });
      } else if (notice.kind === 'auto-close' && ticket.status === 'resolved') {
        next = { ...next, status: 'closed' };
        changes.push({ field: 'status', from: 'resolved', to: 'closed' });
      }
      const record: SlaMailNotice = { notice, previousAssignee: ticket.assignee, at };
      events.push({
        ...makeEvent({
          id: deps.ids.next(),
          ticketId: ticket.id,
          type: eventTypes[notice.kind],
          actor: systemActor(),
          at,
          changes,
          // The auto-close is shown to the client; the others are internal.
          internal: notice.kind !== 'auto-close',
          note: describeNotice(notice),
        }),
        notice: record,
      });
    }
    // The postponement is over: the ticket is back at work (a repeated delivery finds it open
    // already, or a new date, and has nothing due).
    if (settlement.wakeUp && ticket.status === 'postponed') {
      const { postponedUntil: _, ...rest } = next;
      next = { ...rest, status: 'open' };
      events.push(
        makeEvent({
          id: deps.ids.next(),
          ticketId: ticket.id,
          type: 'ticket.updated',
          actor: systemActor('Postponement'),
          at,
          changes: [
            { field: 'status', from: 'postponed', to: 'open' },
            { field: 'postponedUntil', from: ticket.postponedUntil ?? null, to: null },
          ],
          note: `Postponed until ${ticket.postponedUntil ?? at}: back to open`,
        }),
      );
    }
    // Quiet for the policy's idleAfter: the `ticket.idle` event, which the automation consumer
    // runs the rules of (once per quiet spell: the point is in `notified` from now on).
    if (settlement.idle) {
      const since = sla.lastPublicMessageAt ?? ticket.createdAt;
      events.push(
        makeEvent({
          id: deps.ids.next(),
          ticketId: ticket.id,
          type: 'ticket.idle',
          actor: systemActor('Idle timer'),
          at,
          internal: true,
          note: `No public message since ${since}`,
        }),
      );
    }
    // A re-queued ticket may go straight to another member of its queue (after two lost
    // assignment races it is written unassigned: it waits in its queue).
    let routed: Pick<TicketChange, 'capacityCheck'> = {};
    if (deps.route && settlement.requeue && attempt <= 2) {
      const change = await deps.route({ ticket: next, previous: ticket, events }, now);
      next = change.ticket;
      events.splice(0, events.length, ...change.events);
      routed = change.capacityCheck ? { capacityCheck: change.capacityCheck } : {};
    }
    events.push(...breachEvents(deps, ticket.id, settlement.breaches, at));
    const tracked = trackSla({ previous: ticket, next, settings, now });
    events.push(...breachEvents(deps, ticket.id, tracked.breaches, at));
    const settled: Ticket = { ...next, sla: tracked.sla };
    next = { ...settled, sla: armCheck(next.id, tracked.sla, nextCheck(settled, settings), true) };

    if (!acts && next.sla.scheduleName === null && sla.scheduleName === null) return 'idle';

    const change: TicketChange = { ticket: next, previous: ticket, events, ...routed };
    try {
      await deps.store.commit(change);
    } catch (error) {
      // Someone changed the ticket meanwhile, or the chosen agent filled up: start over on
      // fresh state (nothing was recorded).
      const retry = error instanceof PreconditionFailed || error instanceof AssigneeAtCapacity;
      if (retry && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }

    // The timer that fired is gone (the scheduler deletes a completed one-shot schedule); only a
    // timer this check took over from (a lost one) is still to be deleted.
    await retarget(deps, next, owned ? null : sla.scheduleName);
    if (acts) return 'settled';
    return next.sla.scheduleName ? 'early' : 'idle';
  }
};

export type ReapplyOutcome = 'no-ticket' | 'unchanged' | 'applied';

/**
 * Re-applies the current policy list to one open ticket (the sla-reapply job, docs/sla.md): the
 * ticket takes the policy that matches it now, its deadlines are recomputed, and a check that
 * is due at once (a clock the new targets put in breach) runs right away, exactly as the timer
 * would, so the breaches and escalations it records are those the preview announced.
 * A constant number of calls per ticket: read, one transaction, then the timer or one check.
 */
export const reapplyPolicy = async (
  deps: SlaEngineDeps,
  ticketId: string,
  config: SlaConfiguration,
  version: number,
): Promise<ReapplyOutcome> => {
  for (let attempt = 1; ; attempt++) {
    const ticket = await deps.store.getTicket(ticketId, { consistent: true });
    if (!ticket) return 'no-ticket';
    const now = deps.clock.now();
    const pinned = settingsForTicket(config, ticket);
    const current = currentSettingsForTicket(config, ticket);
    const outcome = reapplyTo(ticket, pinned, current, now);
    if (!outcome.affected) return 'unchanged';
    const at = now.toISOString();
    const next = outcome.ticket;
    const events: StoredEvent[] = [
      makeEvent({
        id: deps.ids.next(),
        ticketId,
        type: 'sla.policy-applied',
        actor: systemActor(),
        at,
        changes: [{ field: 'sla.policyId', from: pinned.policyId, to: current.policyId }],
        internal: true,
        note: `SLA policies version ${version} applied: ${current.policy?.name ?? 'no policy'}`,
      }),
      ...breachEvents(deps, ticketId, outcome.trackedBreaches, at),
    ];
    try {
      await deps.store.commit({ ticket: next, previous: ticket, events });
    } catch (error) {
      if (error instanceof PreconditionFailed && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
    const before = normalizeSla(ticket.sla).scheduleName;
    const payload = checkPayloadOf(next);
    if (payload && new Date(payload.dueAt).getTime() <= now.getTime()) {
      if (before) await deps.scheduler.cancel(before);
      await runSlaCheck(deps, payload);
    } else {
      await retarget(deps, next, before);
    }
    return 'applied';
  }
};
