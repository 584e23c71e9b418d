import * as z from 'zod';
import { Conflict } from '#platform/errors.js';

export const ticketStatuses = ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed', 'merged'] as const;
export const TicketStatus = z.enum(ticketStatuses);
export type TicketStatus = z.infer<typeof TicketStatus>;

/**
 * The one state machine of a ticket. `pending` waits on the customer, `on_hold` on a third
 * party; `resolved` means a solution was proposed and waits for acceptance or auto-close.
 * `closed` and `merged` are final: a follow-up is a new ticket.
 */
export const transitions: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['open', 'pending', 'on_hold', 'resolved', 'merged'],
  open: ['pending', 'on_hold', 'resolved', 'merged'],
  pending: ['open', 'on_hold', 'resolved', 'merged'],
  on_hold: ['open', 'pending', 'resolved', 'merged'],
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
export const activeStatuses: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold'];
export const isFinal = (status: TicketStatus): boolean => status === 'closed' || status === 'merged';

/** Whether the ticket counts against its assignee's capacity: assigned and still being worked on. */
export const loadsAssignee = (ticket: {
  status: TicketStatus;
  assignee: { id: string } | null;
}): string | null => (ticket.assignee && activeStatuses.includes(ticket.status) ? ticket.assignee.id : null);
