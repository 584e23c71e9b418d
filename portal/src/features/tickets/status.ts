import type { TicketStatus } from '../../api/types.js';

/**
 * The statuses an agent can pick next for a ticket, current one first. Mirrors the transitions
 * of shared/tickets/status.ts (unit-tested against it, so they cannot drift) without pulling
 * zod into the browser bundle; the API stays the judge and answers 409 otherwise.
 */
export const nextStatuses: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['open', 'pending', 'on_hold', 'resolved'],
  open: ['pending', 'on_hold', 'resolved'],
  pending: ['open', 'on_hold', 'resolved'],
  on_hold: ['open', 'pending', 'resolved'],
  resolved: ['open', 'closed'],
  closed: [],
  merged: [],
};

export const statusChoices = (current: TicketStatus): TicketStatus[] => [current, ...nextStatuses[current]];

export const isFinished = (status: TicketStatus): boolean => status === 'closed' || status === 'merged';
