import type { TicketStatus } from '../../api/types.js';

/**
 * The statuses an agent can pick next for a ticket, current one first. Mirrors the transitions
 * of shared/tickets/status.ts (unit-tested against it, so they cannot drift) without pulling
 * zod into the browser bundle; the API stays the judge and answers 409 otherwise.
 */
export const nextStatuses: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['open', 'answered', 'pending', 'on_hold', 'postponed', 'resolved'],
  open: ['answered', 'pending', 'on_hold', 'postponed', 'resolved'],
  answered: ['open', 'pending', 'on_hold', 'postponed', 'resolved'],
  pending: ['open', 'answered', 'on_hold', 'postponed', 'resolved'],
  on_hold: ['open', 'answered', 'pending', 'postponed', 'resolved'],
  postponed: ['open', 'answered', 'pending', 'on_hold', 'resolved'],
  resolved: ['open', 'closed'],
  closed: [],
  merged: [],
};

/** The statuses a list filters by, in the order of the state machine (a merged ticket is never listed). */
export const filterStatuses: readonly TicketStatus[] = [
  'new',
  'open',
  'answered',
  'pending',
  'on_hold',
  'postponed',
  'resolved',
  'closed',
];

export const statusChoices = (current: TicketStatus): TicketStatus[] => [current, ...nextStatuses[current]];

export const isFinished = (status: TicketStatus): boolean => status === 'closed' || status === 'merged';
