import * as z from 'zod';
import { Conflict } from '#platform/errors.js';

export const ticketStatuses = [
  'new',
  'open',
  'answered',
  'pending',
  'on_hold',
  'postponed',
  'resolved',
  'closed',
  'merged',
] as const;
export const TicketStatus = /* @__PURE__ */ z.enum(ticketStatuses);
export type TicketStatus = z.infer<typeof TicketStatus>;

/**
 * The one state machine of a ticket. `answered` means a public reply of the help desk awaits
 * the client (set by the reply itself, back to `open` when the client writes), `pending` waits
 * on the customer, `on_hold` on a third party, `postponed` on a date (`postponedUntil`; a timer
 * brings it back to `open` then); `resolved` means a solution was proposed and waits for
 * acceptance or auto-close. `closed` and `merged` are final: a follow-up is a new ticket.
 */
export const transitions: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['open', 'answered', 'pending', 'on_hold', 'postponed', 'resolved', 'merged'],
  open: ['answered', 'pending', 'on_hold', 'postponed', 'resolved', 'merged'],
  answered: ['open', 'pending', 'on_hold', 'postponed', 'resolved', 'merged'],
  pending: ['open', 'answered', 'on_hold', 'postponed', 'resolved', 'merged'],
  on_hold: ['open', 'answered', 'pending', 'postponed', 'resolved', 'merged'],
  postponed: ['open', 'answered', 'pending', 'on_hold', 'resolved', 'merged'],
  resolved: ['open', 'closed'],
  closed: [],
  merged: [],
};

export const canTransition = (from: TicketStatus, to: TicketStatus): boolean =>
  transitions[from].includes(to);

export const assertTransition = (from: TicketStatus, to: TicketStatus): void => {
  if (from === to) return;
  if (!canTransition(from, to)) {
    const allowed = transitions[from];
    throw new Conflict(
      `A ticket cannot go from '${from}' to '${to}'. ` +
        (allowed.length ? `From '${from}' it can go to: ${allowed.join(', ')}.` : `'${from}' is final.`),
    );
  }
};

/** Statuses in which work is still expected from the help desk. */
export const activeStatuses: readonly TicketStatus[] = [
  'new',
  'open',
  'answered',
  'pending',
  'on_hold',
  'postponed',
];

/**
 * Statuses in which the SLA's time to resolve is paused (docs/sla.md): waiting on the client
 * (`answered`, `pending`), on a third party (`on_hold`) or on a date (`postponed`).
 */
export const pausedStatuses: readonly TicketStatus[] = ['answered', 'pending', 'on_hold', 'postponed'];
export const isPausedStatus = (status: TicketStatus): boolean => pausedStatuses.includes(status);
export const isFinal = (status: TicketStatus): boolean => status === 'closed' || status === 'merged';

/** Whether the ticket counts against its assignee's capacity: assigned and still being worked on. */
export const loadsAssignee = (ticket: {
  status: TicketStatus;
  assignee: { id: string } | null;
}): string | null => (ticket.assignee && activeStatuses.includes(ticket.status) ? ticket.assignee.id : null);
