import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../portal/src/api/types.js';
import {
  byNextDeadline,
  nextDeadline,
  runningDeadlines,
  slaTone,
} from '../../portal/src/features/sla/sla.js';

const created = Date.parse('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(created + minutes * 60_000).toISOString();

const ticket = (overrides: Partial<Pick<Ticket, 'status'>> & { sla?: Partial<Ticket['sla']> } = {}) => ({
  status: overrides.status ?? ('new' as Ticket['status']),
  createdAt: at(0),
  sla: {
    policyId: 'standard',
    firstResponseDueAt: at(60),
    resolutionDueAt: at(480),
    totalDueAt: at(1440),
    firstRespondedAt: null,
    breaches: [],
    paused: false,
    ...overrides.sla,
  },
});

describe('SLA badge in the portal', () => {
  it('counts down to the first response while nobody has answered', () => {
    // Prepare
    const fresh = ticket();
    // Act
    const next = nextDeadline(fresh);
    // Assess
    expect(next).toEqual({ clock: 'timeToOpen', dueAt: at(60) });
    expect(slaTone(fresh, created + 10 * 60_000)).toBe('ok');
  });

  it('stops the time-to-open clock once an agent opens the ticket, even before a reply', () => {
    const pickedUp = ticket({ status: 'open' });
    expect(runningDeadlines(pickedUp).map((deadline) => deadline.clock)).toEqual([
      'timeToResolve',
      'totalServiceTime',
    ]);
  });

  it('moves on to the resolution deadline once someone answered', () => {
    const answered = ticket({ status: 'open', sla: { firstRespondedAt: at(5) } });
    expect(nextDeadline(answered)?.clock).toBe('timeToResolve');
  });

  it('shows a ticket as at risk in the last fifth of its deadline', () => {
    const fresh = ticket();
    expect(slaTone(fresh, created + 47 * 60_000)).toBe('ok');
    expect(slaTone(fresh, created + 49 * 60_000)).toBe('at_risk');
  });

  it('shows a ticket as breached once a running deadline has passed or a breach was recorded', () => {
    expect(slaTone(ticket(), created + 61 * 60_000)).toBe('breached');
    const recorded = ticket({ sla: { breaches: [{ clock: 'timeToOpen', at: at(60) }] } });
    expect(slaTone(recorded, created + 30 * 60_000)).toBe('breached');
  });

  it('stops the resolution clock while the ticket waits on the customer, but not the total service time', () => {
    const waiting = ticket({ status: 'pending', sla: { firstRespondedAt: at(5), paused: true } });
    expect(runningDeadlines(waiting).map((deadline) => deadline.clock)).toEqual(['totalServiceTime']);
  });

  it('shows no running deadline on a closed ticket, whatever breaches it had', () => {
    const closed = ticket({ status: 'closed', sla: { breaches: [{ clock: 'timeToOpen', at: at(60) }] } });
    expect(nextDeadline(closed)).toBeNull();
    expect(slaTone(closed, created)).toBe('none');
  });

  it('sorts the queue by the next deadline, overdue first and tickets without a clock last', () => {
    const soon = { id: 'soon', ...ticket({ sla: { firstResponseDueAt: at(30) } }) };
    const overdue = { id: 'overdue', ...ticket({ sla: { firstResponseDueAt: at(-5) } }) };
    const none = { id: 'none', ...ticket({ status: 'closed' }) };
    const later = { id: 'later', ...ticket() };
    const order = byNextDeadline([none, later, soon, overdue], created).map((item) => item.id);
    expect(order).toEqual(['overdue', 'soon', 'later', 'none']);
  });
});
