import { describe, expect, it } from 'vitest';
import type { Candidate } from '#queues/ports.js';
import type { QueueDefinition } from '#queues/queue.js';
import { pickAssignee } from '#queues/routing.js';
import { ROUTING_ACTOR, routingHooks } from '#queues/use-cases/auto-assign.js';
import { makeEvent } from '#tickets/ticket.js';
import { aTicket } from '../notifications/fixtures.js';

/** A seeded pseudo-random source, so a failing distribution replays exactly. */
const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

const person = (id: string, overrides: Partial<Candidate> = {}): Candidate => ({
  id,
  email: `${id}@helpdesk.example`,
  name: id,
  role: 'agent',
  locale: 'en',
  timeZone: 'UTC',
  active: true,
  skills: [],
  capacity: 1000,
  available: true,
  openAssigned: 0,
  lastAssignment: null,
  ...overrides,
});

const queueOf = (mode: QueueDefinition['autoAssign'], members: Candidate[]) => ({
  autoAssign: mode,
  members: members.map((member) => member.id),
  requiredSkills: { Emergency: ['on-call'] } as Record<string, string[]>,
});

/**
 * Hands out `tickets` generated tickets one after the other as the product does: the pick, then
 * the chosen agent's counter moves (as the writer's transaction does); with `resolveRate`, an
 * open ticket of a random agent is finished between two new ones.
 */
const simulate = (
  mode: QueueDefinition['autoAssign'],
  people: Candidate[],
  options: { tickets: number; resolveRate: number; emergencyRate: number; seed: number },
) => {
  const next = random(options.seed);
  const queue = queueOf(mode, people);
  const given = new Map(people.map((p) => [p.id, 0]));
  const unassigned: string[] = [];
  const violations: string[] = [];
  for (let n = 0; n < options.tickets; n++) {
    if (next() < options.resolveRate) {
      const busy = people.filter((p) => p.openAssigned > 0);
      const done = busy[Math.floor(next() * busy.length)];
      if (done) done.openAssigned -= 1;
    }
    const category = next() < options.emergencyRate ? 'Emergency' : 'Question';
    const eligible = people.filter(
      (p) =>
        p.available &&
        p.active &&
        p.openAssigned < p.capacity &&
        (category !== 'Emergency' || p.skills.includes('on-call')),
    );
    const to = pickAssignee(queue, { category }, people);
    if (!to) {
      if (eligible.length) violations.push(`ticket ${n} left waiting while ${eligible[0]?.id} had room`);
      unassigned.push(`ticket ${n}`);
      continue;
    }
    if (!to.available) violations.push(`ticket ${n} given to unavailable ${to.id}`);
    if (to.openAssigned >= to.capacity) violations.push(`ticket ${n} pushed ${to.id} over capacity`);
    if (category === 'Emergency' && !to.skills.includes('on-call'))
      violations.push(`ticket ${n}: ${to.id} lacks the skill`);
    if (mode === 'least-loaded' && eligible.some((p) => p.openAssigned < to.openAssigned))
      violations.push(`ticket ${n} given to ${to.id} while someone had fewer`);
    to.openAssigned += 1;
    to.lastAssignment = `${String(n).padStart(6, '0')}`;
    given.set(to.id, (given.get(to.id) ?? 0) + 1);
  }
  return { given, unassigned, violations };
};

describe('auto-assignment over 1,000 generated tickets', () => {
  it('round-robin gives every available member the same number of tickets, within one', () => {
    const people = [
      person('ana'),
      person('ben'),
      person('cleo', { available: false }),
      person('dan'),
      person('eve', { active: false }),
      person('fay'),
    ];
    const { given, unassigned, violations } = simulate('round-robin', people, {
      tickets: 1000,
      resolveRate: 0,
      emergencyRate: 0,
      seed: 7,
    });
    expect(violations).toEqual([]);
    expect(unassigned).toEqual([]);
    const counts = ['ana', 'ben', 'dan', 'fay'].map((id) => given.get(id) ?? 0);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(counts.reduce((a, b) => a + b)).toBe(1000);
    expect(given.get('cleo')).toBe(0);
    expect(given.get('eve')).toBe(0);
  });

  it('least-loaded never passes a capacity, skips the unavailable and gives skilled tickets to the skilled only', () => {
    const people = [
      person('ana', { capacity: 3, skills: ['on-call'] }),
      person('ben', { capacity: 8 }),
      person('cleo', { capacity: 5, available: false, skills: ['on-call'] }),
      person('dan', { capacity: 12, skills: ['on-call', 'billing'] }),
      person('fay', { capacity: 1 }),
    ];
    const { given, unassigned, violations } = simulate('least-loaded', people, {
      tickets: 1000,
      resolveRate: 0.8,
      emergencyRate: 0.25,
      seed: 42,
    });
    expect(violations).toEqual([]);
    expect(given.get('cleo')).toBe(0);
    for (const p of people) expect(p.openAssigned).toBeLessThanOrEqual(p.capacity);
    // Everyone with room takes a share, and work that found nobody with room waited in the queue.
    expect([...given.values()].filter((n) => n > 0)).toHaveLength(4);
    expect(unassigned.length).toBeGreaterThan(0);
  });

  it('round-robin under load keeps everyone within capacity and hands out nothing to the unavailable', () => {
    const people = [
      person('ana', { capacity: 4 }),
      person('ben', { capacity: 2, skills: ['on-call'] }),
      person('cleo', { capacity: 6, available: false }),
    ];
    const { given, violations } = simulate('round-robin', people, {
      tickets: 1000,
      resolveRate: 0.6,
      emergencyRate: 0.1,
      seed: 3,
    });
    expect(violations).toEqual([]);
    expect(given.get('cleo')).toBe(0);
  });

  it('hands out nothing when the queue is off, and never to the agent a re-queue took the ticket from', () => {
    const people = [person('ana'), person('ben')];
    expect(pickAssignee(queueOf('off', people), { category: null }, people)).toBeNull();
    expect(
      pickAssignee(queueOf('round-robin', people), { category: null }, people, new Set(['ana']))?.id,
    ).toBe('ben');
    expect(
      pickAssignee(queueOf('round-robin', people), { category: null }, people, new Set(['ana', 'ben'])),
    ).toBeNull();
  });
});

describe('routing on a re-queue (the pickup timeout)', () => {
  const agnes = person('agnes');
  const piotr = person('piotr');
  const queue: QueueDefinition = {
    id: 'support',
    name: 'Support',
    members: ['agnes', 'piotr'],
    escalationTo: [],
    autoAssign: 'round-robin',
    requiredSkills: {},
    version: 1,
    updatedAt: null,
  };
  const hooks = routingHooks({
    queues: { definition: async (id) => (id === queue.id ? queue : null), all: async () => [queue] },
    roster: {
      candidates: async (ids) => [agnes, piotr].filter((p) => ids.includes(p.id)),
      states: async () => new Map(),
      setAvailable: async () => {},
    },
    ids: { next: () => '01JQ00000000000000000000A1' },
  });
  const previous = aTicket({ queue: 'support', assignee: { id: 'agnes', email: 'agnes@x', name: 'agnes' } });
  const unassigned = { ...previous, assignee: null };
  const now = new Date('2026-03-29T10:00:00.000Z');
  const event = (type: string) =>
    makeEvent({
      id: '01JQ00000000000000000000E1',
      ticketId: previous.id,
      type,
      actor: ROUTING_ACTOR,
      at: now.toISOString(),
    });

  it('gives a re-queued ticket to another member, by the system, with the capacity condition', async () => {
    const change = await hooks.prepare(
      { ticket: unassigned, previous, events: [event('sla.requeued')] },
      now,
    );
    expect(change.ticket.assignee?.id).toBe('piotr');
    expect(change.capacityCheck).toEqual({ assigneeId: 'piotr', capacity: piotr.capacity });
    expect(change.events.at(-1)).toMatchObject({
      actor: { role: 'system', name: 'Auto-assignment' },
      changes: [{ field: 'assignee', from: null, to: { id: 'piotr' } }],
    });
  });

  it('leaves a ticket a person unassigned by hand in the queue', async () => {
    const change = await hooks.prepare(
      { ticket: unassigned, previous, events: [event('ticket.updated')] },
      now,
    );
    expect(change.ticket.assignee).toBeNull();
  });
});
