import { describe, expect, it } from 'vitest';
import { Conflict } from '#platform/errors.js';
import { assertTransition, canTransition, ticketStatuses, transitions } from '#tickets/status.js';

const legal: [string, string][] = [
  ['new', 'open'],
  ['new', 'answered'],
  ['new', 'pending'],
  ['new', 'on_hold'],
  ['new', 'postponed'],
  ['new', 'resolved'],
  ['new', 'merged'],
  ['open', 'answered'],
  ['open', 'pending'],
  ['open', 'on_hold'],
  ['open', 'postponed'],
  ['open', 'resolved'],
  ['open', 'merged'],
  ['answered', 'open'],
  ['answered', 'pending'],
  ['answered', 'on_hold'],
  ['answered', 'postponed'],
  ['answered', 'resolved'],
  ['answered', 'merged'],
  ['pending', 'open'],
  ['pending', 'answered'],
  ['pending', 'on_hold'],
  ['pending', 'postponed'],
  ['pending', 'resolved'],
  ['pending', 'merged'],
  ['on_hold', 'open'],
  ['on_hold', 'answered'],
  ['on_hold', 'pending'],
  ['on_hold', 'postponed'],
  ['on_hold', 'resolved'],
  ['on_hold', 'merged'],
  ['postponed', 'open'],
  ['postponed', 'answered'],
  ['postponed', 'pending'],
  ['postponed', 'on_hold'],
  ['postponed', 'resolved'],
  ['postponed', 'merged'],
  ['resolved', 'open'],
  ['resolved', 'closed'],
];

describe('ticket state machine', () => {
  const pairs = ticketStatuses.flatMap((from) =>
    ticketStatuses.filter((to) => to !== from).map((to) => [from, to] as const),
  );

  it.each(pairs)('%s → %s is legal exactly when the life cycle allows it', (from, to) => {
    const expected = legal.some(([f, t]) => f === from && t === to);
    expect(canTransition(from, to)).toBe(expected);
    if (expected) expect(() => assertTransition(from, to)).not.toThrow();
    else expect(() => assertTransition(from, to)).toThrow(Conflict);
  });

  it('names the allowed next statuses when refusing a transition', () => {
    expect(() => assertTransition('resolved', 'pending')).toThrow(
      /From 'resolved' it can go to: open, closed/,
    );
    expect(() => assertTransition('closed', 'open')).toThrow(/'closed' is final/);
  });

  it('keeps closed and merged final', () => {
    expect(transitions.closed).toEqual([]);
    expect(transitions.merged).toEqual([]);
  });
});
