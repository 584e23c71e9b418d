import type { Change, Feedback, Ticket, TicketEvent } from '#tickets/schemas.js';
import type { SlaBreach } from '#tickets/sla-state.js';
import { type RecordDeps, recordFeedback, recordTicketChange } from './record-change.js';

/** What the rebuild reads: every ticket, its history and its rating, and clears the aggregates. */
export interface RebuildSource {
  /** Every ticket, a page at a time (oldest first). */
  tickets(): AsyncIterable<Ticket[]>;
  events(ticketId: string): Promise<TicketEvent[]>;
  feedback(ticketId: string): Promise<Feedback | null>;
  /** Deletes the report cells, ratings and topics. */
  clearAggregates(): Promise<number>;
  /** Deletes one ticket's fact and change markers. */
  clearTicket(ticketId: string): Promise<number>;
}

const setField = (ticket: Ticket, change: Change, value: unknown): Ticket => {
  const field = change.field;
  if (field === 'sla.firstRespondedAt')
    return { ...ticket, sla: { ...ticket.sla, firstRespondedAt: value as string | null } };
  if (field.startsWith('sla.breaches.')) {
    const clock = field.slice('sla.breaches.'.length) as SlaBreach['clock'];
    const others = ticket.sla.breaches.filter((breach) => breach.clock !== clock);
    return {
      ...ticket,
      sla: { ...ticket.sla, breaches: value ? [...others, { clock, at: String(value) }] : others },
    };
  }
  if (
    ['status', 'priority', 'queue', 'category', 'tags', 'assignee', 'subject', 'description'].includes(field)
  )
    return { ...ticket, [field]: value };
  return ticket;
};

/**
 * The ticket's item before and after each of its changes, rebuilt from its history: the
 * current ticket with every event's changes undone gives the ticket as created, then each
 * event's changes applied in turn give each write. What history does not record is taken from
 * the ticket as it is now: organisation, reference, creation time, and the SLA targets (a clock
 * with a due date now is taken to have had one from the start).
 */
export const writesOf = (
  current: Ticket,
  events: readonly TicketEvent[],
): { before: Ticket | null; after: Ticket }[] => {
  const ordered = [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  let state: Ticket = current;
  for (const event of [...ordered].reverse()) {
    // The creation's changes come from nothing: the ticket as created is what remains.
    if (event.type === 'ticket.created') continue;
    for (const change of [...event.changes].reverse()) state = setField(state, change, change.from);
  }
  const created: Ticket = {
    ...state,
    status: 'new',
    version: 1,
    updatedAt: current.createdAt,
    sla: { ...current.sla, firstRespondedAt: null, breaches: [], openedAt: null },
  };
  const writes: { before: Ticket | null; after: Ticket }[] = [{ before: null, after: created }];
  let previous = created;
  for (const event of ordered) {
    if (event.type === 'ticket.created') continue;
    let next: Ticket = { ...previous, version: previous.version + 1, updatedAt: event.at };
    for (const change of event.changes) next = setField(next, change, change.to);
    writes.push({ before: previous, after: next });
    previous = next;
  }
  return writes;
};

/**
 * `npm run reports:rebuild` (and the rebuild Lambda): clears the aggregates and counts every
 * ticket again from its history, through the same code the consumer runs. For back-fill and
 * after a definition changes; run it while no ticket changes (or pause the consumer): a change
 * counted by the consumer during the rebuild may be counted twice.
 */
export const rebuildReports = async (
  deps: RecordDeps,
  source: RebuildSource,
  progress: (done: number) => void = () => {},
): Promise<{ cleared: number; tickets: number; changes: number }> => {
  let cleared = await source.clearAggregates();
  let tickets = 0;
  let changes = 0;
  for await (const page of source.tickets()) {
    for (const ticket of page) {
      cleared += await source.clearTicket(ticket.id);
      for (const { before, after } of writesOf(ticket, await source.events(ticket.id))) {
        if ((await recordTicketChange(deps, before, after)) === 'recorded') changes++;
      }
      const feedback = await source.feedback(ticket.id);
      if (feedback && (await recordFeedback(deps, feedback)) === 'recorded') changes++;
      tickets++;
    }
    progress(tickets);
  }
  return { cleared, tickets, changes };
};
