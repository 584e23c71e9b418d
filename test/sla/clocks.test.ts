import { describe, expect, it } from 'vitest';
import { SlaCalendar } from '#sla/calendar.js';
import {
  armCheck,
  nextCheck,
  pendingPoints,
  type SlaSettings,
  settingsFor,
  settle,
  trackSla,
} from '#sla/clocks.js';
import { defaultPolicies, parsePolicyDocument, type SlaPolicyInput } from '#sla/policy.js';
import type { Ticket } from '#tickets/schemas.js';
import { emptySla } from '#tickets/sla-state.js';
import type { TicketStatus } from '#tickets/status.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = new Date('2026-03-02T08:00:00.000Z'); // a Monday
const instant = (ms: number) => new Date(T0.getTime() + ms);
const iso = (ms: number) => instant(ms).toISOString();

const urgentPolicy = defaultPolicies()[0];
if (!urgentPolicy) throw new Error('no default urgent policy');
const urgent = settingsFor(urgentPolicy);

const agent = { id: 'agent-1', email: 'agent@helpdesk.example', name: 'Agent' };

/**
 * A fake clock for one ticket: every step applies a change at a given minute and runs the
 * SLA bookkeeping exactly as the ticket hooks do.
 */
class TicketTimeline {
  ticket: Ticket;

  constructor(
    readonly settings: SlaSettings,
    overrides: Partial<Ticket> = {},
  ) {
    const created: Ticket = {
      id: '01JTESTTICKET0000000000000',
      reference: 'HD-2026-000001',
      subject: 'Printer on fire',
      description: 'It is on fire',
      status: 'new',
      priority: 'urgent',
      category: null,
      tags: [],
      queue: 'general',
      orgId: 'acme',
      requester: { id: 'client-1', email: 'client@acme.example', name: 'Client' },
      assignee: null,
      channel: 'web',
      version: 1,
      createdAt: T0.toISOString(),
      updatedAt: T0.toISOString(),
      sla: emptySla(),
      ...overrides,
    };
    this.ticket = this.track(null, created, new Date(created.createdAt));
  }

  private track(previous: Ticket | null, next: Ticket, now: Date): Ticket {
    const { sla } = trackSla({ previous, next, settings: this.settings, now });
    const ticket = { ...next, sla };
    return { ...ticket, sla: armCheck(ticket.id, sla, nextCheck(ticket, this.settings)) };
  }

  change(atMs: number, patch: Partial<Ticket>): this {
    const previous = this.ticket;
    this.ticket = this.track(
      previous,
      { ...previous, ...patch, version: previous.version + 1 },
      instant(atMs),
    );
    return this;
  }

  status(atMs: number, status: TicketStatus): this {
    return this.change(atMs, { status });
  }

  /** A check firing at `atMs`: settles what is due, as the SLA functions do. */
  check(atMs: number) {
    const now = instant(atMs);
    const settlement = settle(this.ticket, this.settings, now);
    const previous = this.ticket;
    const next: Ticket = {
      ...previous,
      ...(settlement.requeue ? { assignee: null } : {}),
      ...(settlement.autoClose ? { status: 'closed' as const } : {}),
      sla: {
        ...previous.sla,
        breaches: [...previous.sla.breaches, ...settlement.breaches],
        notified: [...(previous.sla.notified ?? []), ...settlement.handled],
      },
    };
    const { sla } = trackSla({ previous, next, settings: this.settings, now });
    const settled = { ...next, sla };
    this.ticket = { ...settled, sla: armCheck(settled.id, sla, nextCheck(settled, this.settings), true) };
    return settlement;
  }

  get next() {
    return { at: this.ticket.sla.nextCheckAt, kind: this.ticket.sla.nextCheckKind };
  }
}

describe('deadlines of a new ticket', () => {
  it('sets the three deadlines from the policy at creation', () => {
    const { ticket } = new TicketTimeline(urgent);

    expect(ticket.sla).toMatchObject({
      policyId: 'urgent',
      firstResponseDueAt: iso(15 * MINUTE),
      resolutionDueAt: iso(4 * HOUR),
      totalDueAt: iso(8 * HOUR),
      paused: false,
      breaches: [],
    });
  });

  it('aims the first check at the first TTS reminder', () => {
    const timeline = new TicketTimeline(urgent);

    expect(timeline.next).toEqual({ at: iso(7.5 * MINUTE), kind: 'reminder' });
    expect(timeline.ticket.sla.scheduleName).toBe(`${timeline.ticket.id}-1`);
  });

  it('runs no clock when no policy matches, yet still closes a resolved ticket after 72 h', () => {
    const timeline = new TicketTimeline(settingsFor(null));

    expect(timeline.ticket.sla).toMatchObject({
      policyId: null,
      firstResponseDueAt: null,
      nextCheckAt: null,
    });
    timeline.status(HOUR, 'resolved');
    expect(timeline.next).toEqual({ at: iso(73 * HOUR), kind: 'auto-close' });
  });
});

describe('time to open (TTS)', () => {
  it('reminds at each fraction, then escalates the breach', () => {
    const timeline = new TicketTimeline(urgent);

    const first = timeline.check(7.5 * MINUTE);
    expect(first.notices).toEqual([
      {
        kind: 'reminder',
        clock: 'timeToOpen',
        level: 'reminder-50',
        audience: 'queue',
        dueAt: iso(7.5 * MINUTE),
        deadline: iso(15 * MINUTE),
        fraction: 0.5,
      },
    ]);
    expect(timeline.next).toEqual({ at: iso(12 * MINUTE), kind: 'reminder' });

    expect(timeline.check(12 * MINUTE).notices.map((n) => n.level)).toEqual(['reminder-80']);
    expect(timeline.next).toEqual({ at: iso(15 * MINUTE), kind: 'escalation' });

    const breach = timeline.check(15 * MINUTE);
    expect(breach.notices).toEqual([
      {
        kind: 'escalation',
        clock: 'timeToOpen',
        level: 'breach',
        audience: 'leads',
        dueAt: iso(15 * MINUTE),
        deadline: iso(15 * MINUTE),
      },
    ]);
    expect(timeline.ticket.sla.breaches).toEqual([{ clock: 'timeToOpen', at: iso(15 * MINUTE) }]);
    expect(timeline.next).toEqual({ at: iso(2 * HOUR), kind: 'reminder' });
  });

  it('reminds the assignee rather than the queue once someone is assigned', () => {
    const timeline = new TicketTimeline(urgent).change(MINUTE, { assignee: agent });

    expect(timeline.check(7.5 * MINUTE).notices[0]?.audience).toBe('assignee');
  });

  it('stops when an agent opens the ticket', () => {
    const timeline = new TicketTimeline(urgent).status(5 * MINUTE, 'open');

    expect(timeline.ticket.sla.openedAt).toBe(iso(5 * MINUTE));
    expect(timeline.next).toEqual({ at: iso(2 * HOUR), kind: 'reminder' });
    expect(pendingPoints(timeline.ticket, urgent).some((p) => p.clock === 'timeToOpen')).toBe(false);
  });

  it('records the breach when the ticket is opened late without a check in between', () => {
    const timeline = new TicketTimeline(urgent).status(20 * MINUTE, 'open');

    expect(timeline.ticket.sla.breaches).toEqual([{ clock: 'timeToOpen', at: iso(15 * MINUTE) }]);
  });

  it('escalates once and skips stale reminders when the check fires late', () => {
    const timeline = new TicketTimeline(urgent);

    const late = timeline.check(40 * MINUTE);

    expect(late.notices.map((n) => `${n.clock}:${n.level}`)).toEqual(['timeToOpen:breach']);
    expect(late.handled).toEqual(['timeToOpen:reminder-50', 'timeToOpen:reminder-80', 'timeToOpen:breach']);
    expect(timeline.check(41 * MINUTE).notices).toEqual([]);
  });
});

describe('time to resolve (TTR)', () => {
  it('pauses while pending and resumes where it stopped', () => {
    const timeline = new TicketTimeline(urgent).status(10 * MINUTE, 'open').status(HOUR, 'pending');

    expect(timeline.ticket.sla).toMatchObject({
      paused: true,
      resolutionDueAt: null,
      resolutionElapsedMs: HOUR,
    });

    timeline.status(3 * HOUR, 'open');

    expect(timeline.ticket.sla).toMatchObject({ paused: false, resolutionDueAt: iso(6 * HOUR) });
  });

  it('pauses on hold the same way', () => {
    const timeline = new TicketTimeline(urgent).status(HOUR, 'on_hold').status(2 * HOUR, 'open');

    expect(timeline.ticket.sla.resolutionDueAt).toBe(iso(5 * HOUR));
  });

  it('stops at resolved and resumes when the client reopens', () => {
    const timeline = new TicketTimeline(urgent).status(MINUTE, 'open').status(HOUR, 'resolved');

    expect(timeline.ticket.sla.resolutionDueAt).toBeNull();
    expect(timeline.next).toEqual({ at: iso(73 * HOUR), kind: 'auto-close' });

    timeline.status(5 * HOUR, 'open');

    expect(timeline.ticket.sla.resolutionDueAt).toBe(iso(8 * HOUR));
    expect(timeline.ticket.sla.resolvedAt).toBeNull();
  });

  it('keeps the deadline of a running clock when unrelated fields change', () => {
    const timeline = new TicketTimeline(urgent).status(MINUTE, 'open');
    const armed = timeline.ticket.sla.scheduleName;

    timeline
      .change(30 * MINUTE, { tags: ['printer'] })
      .change(45 * MINUTE, { subject: 'Printer still on fire' });

    expect(timeline.ticket.sla.resolutionDueAt).toBe(iso(4 * HOUR));
    expect(timeline.ticket.sla.scheduleName).toBe(armed);
  });

  it('does not remind twice after a reopen', () => {
    const timeline = new TicketTimeline(urgent).status(MINUTE, 'open');
    expect(timeline.check(2 * HOUR).notices.map((n) => n.level)).toEqual(['reminder-50']);
    timeline.status(2.5 * HOUR, 'resolved').status(3 * HOUR, 'open');

    expect(timeline.next).toEqual({ at: iso(3.7 * HOUR), kind: 'reminder' });
    expect(timeline.check(3.7 * HOUR).notices.map((n) => n.level)).toEqual(['reminder-80']);
  });

  it('counts only business hours on a business calendar, across the weekend', () => {
    const office = SlaCalendar.parse({
      id: 'office',
      name: 'Office',
      timeZone: 'Europe/Berlin',
      weeklyHours: Object.fromEntries(
        ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => [
          day,
          [{ from: '09:00', to: '17:00' }],
        ]),
      ),
    });
    const officePolicy = parsePolicyDocument(
      { policies: [{ ...(urgentPolicy as SlaPolicyInput), calendarId: 'office' }] },
      ['office'],
    ).policies[0];
    const settings = settingsFor(officePolicy ?? null, () => office);
    const fridayThreePm = new Date('2026-03-06T14:00:00Z');

    const timeline = new TicketTimeline(settings, { createdAt: fridayThreePm.toISOString() });

    expect(timeline.ticket.sla).toMatchObject({
      firstResponseDueAt: '2026-03-06T14:15:00.000Z',
      resolutionDueAt: '2026-03-09T10:00:00.000Z', // 2 h on Friday, 2 h on Monday from 09:00
      totalDueAt: '2026-03-09T14:00:00.000Z',
    });
  });
});

describe('total service time (TST)', () => {
  it('warns the lead at the at-risk point and escalates the breach to lead and admins', () => {
    const timeline = new TicketTimeline(urgent).status(MINUTE, 'open').status(10 * MINUTE, 'pending');

    expect(timeline.next).toEqual({ at: iso(6.4 * HOUR), kind: 'escalation' });
    expect(timeline.check(6.4 * HOUR).notices).toEqual([
      {
        kind: 'escalation',
        clock: 'totalServiceTime',
        level: 'at-risk',
        audience: 'leads',
        dueAt: iso(6.4 * HOUR),
        deadline: iso(8 * HOUR),
      },
    ]);
    expect(timeline.check(8 * HOUR).notices[0]).toMatchObject({
      level: 'breach',
      audience: 'leads-and-admins',
    });
  });

  it('never pauses: pending time counts', () => {
    const timeline = new TicketTimeline(urgent).status(MINUTE, 'pending').status(7 * HOUR, 'open');

    expect(timeline.ticket.sla.totalDueAt).toBe(iso(8 * HOUR));
  });

  it('sends no warning while a solution waits on the client, but records a late close as a breach', () => {
    const timeline = new TicketTimeline(urgent).status(MINUTE, 'open').status(HOUR, 'resolved');

    expect(pendingPoints(timeline.ticket, urgent).map((p) => p.kind)).toEqual(['auto-close']);

    timeline.check(73 * HOUR);

    expect(timeline.ticket.status).toBe('closed');
    expect(timeline.ticket.sla.breaches).toEqual([{ clock: 'totalServiceTime', at: iso(8 * HOUR) }]);
    expect(timeline.next).toEqual({ at: null, kind: null });
    expect(timeline.ticket.sla.scheduleName).toBeNull();
  });
});

describe('pickup timeout', () => {
  it('re-queues an assigned ticket nobody picked up in time', () => {
    const timeline = new TicketTimeline(urgent).change(MINUTE, { assignee: agent });
    timeline.check(7.5 * MINUTE);
    timeline.check(12 * MINUTE);
    timeline.check(15 * MINUTE);

    expect(timeline.next).toEqual({ at: iso(21 * MINUTE), kind: 'requeue' });
    const settlement = timeline.check(21 * MINUTE);

    expect(settlement.requeue).toBe(true);
    expect(settlement.notices).toEqual([
      {
        kind: 'requeue',
        clock: 'pickup',
        level: String(instant(MINUTE).getTime()),
        audience: 'queue',
        dueAt: iso(21 * MINUTE),
        deadline: iso(21 * MINUTE),
      },
    ]);
    expect(timeline.ticket.assignee).toBeNull();
    expect(timeline.ticket.sla.assignedAt).toBeNull();
  });

  it('restarts the timeout when the ticket is assigned to someone else', () => {
    const timeline = new TicketTimeline(urgent)
      .change(MINUTE, { assignee: agent })
      .change(10 * MINUTE, { assignee: { ...agent, id: 'agent-2' } });

    expect(pendingPoints(timeline.ticket, urgent).find((p) => p.kind === 'requeue')?.at).toEqual(
      instant(30 * MINUTE),
    );
  });

  it('is over once the assignee opens the ticket', () => {
    const timeline = new TicketTimeline(urgent)
      .change(MINUTE, { assignee: agent })
      .status(5 * MINUTE, 'open');

    expect(pendingPoints(timeline.ticket, urgent).some((p) => p.kind === 'requeue')).toBe(false);
  });
});

describe('auto-close', () => {
  it('closes a resolved ticket the client left silent, in real time', () => {
    const timeline = new TicketTimeline(urgent).status(MINUTE, 'open').status(HOUR, 'resolved');

    expect(timeline.check(72 * HOUR).autoClose).toBe(false);
    const settlement = timeline.check(73 * HOUR);

    expect(settlement.autoClose).toBe(true);
    expect(settlement.notices[0]).toMatchObject({ kind: 'auto-close', audience: 'requester' });
  });

  it('starts again from the new proposal after a reopen', () => {
    const timeline = new TicketTimeline(urgent)
      .status(MINUTE, 'open')
      .status(HOUR, 'resolved')
      .status(2 * HOUR, 'open')
      .status(3 * HOUR, 'resolved');

    expect(timeline.next).toEqual({ at: iso(75 * HOUR), kind: 'auto-close' });
  });
});

describe('the one armed check', () => {
  it('takes a new generation when the aim moves and keeps it when it does not', () => {
    const timeline = new TicketTimeline(urgent);
    expect(timeline.ticket.sla.scheduleGeneration).toBe(1);

    timeline.change(MINUTE, { tags: ['x'] });
    expect(timeline.ticket.sla.scheduleGeneration).toBe(1);

    timeline.status(2 * MINUTE, 'open');
    expect(timeline.ticket.sla).toMatchObject({
      scheduleGeneration: 2,
      scheduleName: `${timeline.ticket.id}-2`,
      nextCheckAt: iso(2 * HOUR),
    });
  });

  it('never reuses the name of a schedule that fired, even for the same aim', () => {
    const sla = {
      ...emptySla(),
      scheduleGeneration: 4,
      scheduleName: 't-4',
      nextCheckAt: iso(HOUR),
      nextCheckKind: 'reminder' as const,
    };

    const rearmed = armCheck('t', sla, { at: instant(HOUR), kind: 'reminder' }, true);

    expect(rearmed).toMatchObject({ scheduleGeneration: 5, scheduleName: 't-5' });
  });

  it('disarms when the ticket is closed', () => {
    const timeline = new TicketTimeline(urgent)
      .status(MINUTE, 'open')
      .status(HOUR, 'resolved')
      .status(2 * HOUR, 'closed');

    expect(timeline.ticket.sla).toMatchObject({ scheduleName: null, nextCheckAt: null, nextCheckKind: null });
  });

  it('prefers the escalation when a reminder falls due at the same instant', () => {
    const settings = {
      ...urgent,
      timeToOpenMs: 20 * MINUTE,
      reminders: [0.5],
      totalServiceTimeMs: 20 * MINUTE,
      atRisk: 0.5,
    };

    const timeline = new TicketTimeline(settings);

    expect(timeline.next).toEqual({ at: iso(10 * MINUTE), kind: 'escalation' });
    expect(timeline.check(10 * MINUTE).notices.map((n) => `${n.clock}:${n.level}`)).toEqual([
      'totalServiceTime:at-risk',
      'timeToOpen:reminder-50',
    ]);
  });
});
