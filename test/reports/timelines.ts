import type { Feedback, Ticket } from '#tickets/schemas.js';
import { emptySla } from '#tickets/sla-state.js';

/**
 * Generated tickets with known timelines for the report tests: every write of each ticket (its
 * item before and after, as the stream delivers it) and every rating, plus what happened when,
 * for a brute-force computation of every report figure. Seeded, so a failure reproduces.
 */
export const mulberry32 = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

export interface Timeline {
  ticket: Ticket;
  orgId: string;
  agent: { id: string; name: string } | null;
  hasPolicy: boolean;
  createdAt: number;
  respondedAt: number | null;
  /** Every resolution, the first is the one reports count. */
  resolvedAt: number[];
  reopenedAt: number[];
  closedAt: number | null;
  breaches: { clock: 'timeToOpen' | 'timeToResolve' | 'totalServiceTime'; at: number }[];
  rating: { value: number; at: number; comment: string } | null;
  /** Status after each write, for the backlog at any instant. */
  statusAt: { at: number; status: Ticket['status'] }[];
  writes: { before: Ticket | null; after: Ticket }[];
  feedback: Feedback | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const agents = [
  { id: 'user-agent', name: 'Agnes Agent' },
  { id: 'user-agent2', name: 'Arvo Agent' },
  { id: 'user-agent3', name: 'Anna Kowalska' },
  { id: 'user-agent4', name: 'Ülle Tamm' },
];
const comments = [
  'Quick, thanks!',
  'Took long, but "fine", I guess',
  'Line one\nline two, with a comma',
  'Sehr gut – danke schön',
  'Dziękuję, świetnie',
  'Väga hea, aitäh',
  '非常好',
];

const iso = (ms: number) => new Date(ms).toISOString();

export const generateTimelines = (
  count: number,
  options: { seed: number; from: number; days: number },
): Timeline[] => {
  const random = mulberry32(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const logUniform = (min: number, max: number) =>
    Math.exp(Math.log(min) + random() * (Math.log(max) - Math.log(min)));
  const timelines: Timeline[] = [];
  for (let i = 0; i < count; i++) {
    const createdAt = Math.floor(options.from + random() * options.days * DAY);
    const id = `T${String(options.seed).padStart(4, '0')}${String(i).padStart(21, '0')}`.slice(0, 26);
    const hasPolicy = random() < 0.7;
    const orgId = pick(['acme', 'globex']);
    const base: Ticket = {
      id,
      reference: `HD-2026-${String(i + 1).padStart(6, '0')}`,
      subject: `Generated ${i}`,
      description: 'A generated ticket',
      status: 'new',
      priority: pick(['low', 'normal', 'high', 'urgent'] as const),
      category: pick([null, 'Network', 'Billing']),
      tags: [],
      queue: pick(['general', 'billing', 'technical']),
      orgId,
      requester: { id: `user-client-${orgId}`, email: `client@${orgId}.example`, name: 'Client' },
      assignee: null,
      channel: 'web',
      version: 1,
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt),
      sla: {
        ...emptySla(),
        ...(hasPolicy
          ? {
              policyId: 'generated',
              firstResponseDueAt: iso(createdAt + 4 * HOUR),
              resolutionDueAt: iso(createdAt + 2 * DAY),
              totalDueAt: iso(createdAt + 5 * DAY),
            }
          : {}),
      },
    };
    const timeline: Timeline = {
      ticket: base,
      orgId,
      agent: null,
      hasPolicy,
      createdAt,
      respondedAt: null,
      resolvedAt: [],
      reopenedAt: [],
      closedAt: null,
      breaches: [],
      rating: null,
      statusAt: [{ at: createdAt, status: 'new' }],
      writes: [{ before: null, after: base }],
      feedback: null,
    };
    // The changes to come, applied in time order.
    const steps: { at: number; apply: (t: Ticket) => Ticket }[] = [];
    const agent = pick(agents);
    let respondedAt: number | null = null;
    if (random() < 0.85) {
      respondedAt = createdAt + Math.round(logUniform(60_000, 3 * DAY));
      const at = respondedAt;
      steps.push({
        at,
        apply: (t) => ({
          ...t,
          status: 'open',
          assignee: { id: agent.id, email: `${agent.id}@helpdesk.example`, name: agent.name },
          sla: { ...t.sla, firstRespondedAt: iso(at), openedAt: iso(at) },
        }),
      });
      timeline.agent = agent;
    }
    let closeAt: number | null = null;
    if (respondedAt !== null && random() < 0.8) {
      const firstResolution = respondedAt + Math.round(logUniform(300_000, 8 * DAY));
      const resolutions = [firstResolution];
      if (random() < 0.15) {
        timeline.reopenedAt.push(firstResolution + HOUR);
        resolutions.push(firstResolution + DAY);
      }
      for (const at of resolutions) steps.push({ at, apply: (t) => ({ ...t, status: 'resolved' }) });
      for (const at of timeline.reopenedAt) steps.push({ at, apply: (t) => ({ ...t, status: 'open' }) });
      timeline.resolvedAt = resolutions;
      const last = resolutions.at(-1) ?? firstResolution;
      if (random() < 0.5) {
        const at = last + 2 * HOUR;
        timeline.rating = { value: 1 + Math.floor(random() * 5), at, comment: pick(comments) };
      }
      if (random() < 0.85) {
        closeAt = last + 72 * HOUR;
        steps.push({ at: closeAt, apply: (t) => ({ ...t, status: 'closed' }) });
        timeline.closedAt = closeAt;
      }
    }
    if (hasPolicy) {
      const due = {
        timeToOpen: createdAt + 4 * HOUR,
        timeToResolve: createdAt + 2 * DAY,
        totalServiceTime: createdAt + 5 * DAY,
      };
      const stop = {
        timeToOpen: respondedAt,
        timeToResolve: timeline.resolvedAt[0] ?? null,
        totalServiceTime: closeAt,
      };
      for (const clock of ['timeToOpen', 'timeToResolve', 'totalServiceTime'] as const) {
        const stoppedAt = stop[clock];
        // A clock not stopped by the end of the generated period is breached when due.
        if (stoppedAt === null || stoppedAt > due[clock]) {
          const at = due[clock];
          timeline.breaches.push({ clock, at });
          steps.push({
            at,
            apply: (t) => ({
              ...t,
              sla: { ...t.sla, breaches: [...t.sla.breaches, { clock, at: iso(at) }] },
            }),
          });
        }
      }
    }
    steps.sort((a, b) => a.at - b.at);
    let current = base;
    for (const step of steps) {
      const next = { ...step.apply(current), version: current.version + 1, updatedAt: iso(step.at) };
      timeline.writes.push({ before: current, after: next });
      timeline.statusAt.push({ at: step.at, status: next.status });
      current = next;
    }
    timeline.respondedAt = respondedAt;
    if (timeline.rating) {
      timeline.feedback = {
        ticketId: id,
        rating: timeline.rating.value,
        comment: timeline.rating.comment,
        createdAt: iso(timeline.rating.at),
        author: { id: base.requester.id, name: 'Client', role: 'client' },
      };
    }
    timeline.ticket = current;
    timelines.push(timeline);
  }
  return timelines;
};

/** The ticket's status at an instant (after every write before it). */
export const statusAt = (timeline: Timeline, at: number): Ticket['status'] | null => {
  let status: Ticket['status'] | null = null;
  for (const entry of timeline.statusAt) if (entry.at < at) status = entry.status;
  return status;
};
