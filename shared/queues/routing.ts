import type { Candidate } from './ports.js';
import { type QueueDefinition, skillsFor } from './queue.js';

/**
 * Who takes a ticket of the queue (docs/routing.md): among the queue's members who are active
 * staff, available, have every skill the ticket's category asks in this queue and fewer open
 * tickets than their capacity,
 * - `round-robin`: the one given a ticket longest ago (never given one: first), so over a run
 *   everyone eligible gets their turn and counts differ by at most one;
 * - `least-loaded`: the one with the fewest open tickets (then longest ago, then member order).
 * Null when nobody fits, or the queue hands out nothing (`off`): the ticket waits in the queue.
 */
export const pickAssignee = (
  queue: Pick<QueueDefinition, 'autoAssign' | 'members' | 'requiredSkills'>,
  ticket: { category: string | null },
  candidates: readonly Candidate[],
  exclude: ReadonlySet<string> = new Set(),
): Candidate | null => {
  if (queue.autoAssign === 'off') return null;
  const needed = skillsFor(queue, ticket.category);
  const members = new Set(queue.members);
  const eligible = candidates.filter(
    (person) =>
      members.has(person.id) &&
      !exclude.has(person.id) &&
      person.active &&
      person.role !== 'client' &&
      person.available &&
      person.openAssigned < person.capacity &&
      needed.every((skill) => person.skills.includes(skill)),
  );
  const order = new Map(queue.members.map((id, index) => [id, index]));
  const longestAgo = (a: Candidate, b: Candidate) =>
    (a.lastAssignment ?? '').localeCompare(b.lastAssignment ?? '') ||
    (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0);
  const ranked =
    queue.autoAssign === 'least-loaded'
      ? eligible.sort((a, b) => a.openAssigned - b.openAssigned || longestAgo(a, b))
      : eligible.sort(longestAgo);
  return ranked[0] ?? null;
};
