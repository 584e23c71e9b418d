import type { StaffMember, Ticket } from '../../api/types.js';
import { slaTone } from '../sla/sla.js';

export interface WorkloadRow {
  /** '' for the unassigned tickets. */
  id: string;
  name: string;
  counts: Record<string, number>;
  total: number;
  breached: number;
}

/** Active tickets per person and status, and how many of them have breached their SLA; busiest first. */
export const workload = (
  tickets: readonly Ticket[],
  people: readonly StaffMember[],
  now: number,
): WorkloadRow[] => {
  const rows = new Map<string, WorkloadRow>(
    people.map((person) => [
      person.id,
      { id: person.id, name: person.name, counts: {}, total: 0, breached: 0 },
    ]),
  );
  for (const ticket of tickets) {
    const id = ticket.assignee?.id ?? '';
    const row = rows.get(id) ?? { id, name: ticket.assignee?.name ?? '', counts: {}, total: 0, breached: 0 };
    row.counts[ticket.status] = (row.counts[ticket.status] ?? 0) + 1;
    row.total += 1;
    if (slaTone(ticket, now) === 'breached') row.breached += 1;
    rows.set(id, row);
  }
  return [...rows.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
};
