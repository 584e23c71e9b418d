import type { FilterPattern, StreamChange } from '#platform/stream.js';
import { slaReapplyJobEntity } from '#platform/table/sla-config.js';
import type { Ticket } from '#tickets/schemas.js';
import type { SlaBreach } from '#tickets/sla-state.js';
import { isFinal, ticketStatuses } from '#tickets/status.js';
import { armCheck, nextCheck, type SlaSettings, settle, trackSla } from './clocks.js';
import type { ReapplyJob } from './ports.js';

/**
 * What re-applying the policy list to an open ticket does (docs/sla.md, "Policy changes"): the
 * ticket takes the first policy of the list that matches it, its TTR time used so far is
 * folded on the calendar it ran on, and its deadlines are recomputed from creation under the
 * new targets. The preview and the re-application job both use this, so what the editor
 * announces is what happens.
 */

/** Policies compare by content: both sides were parsed by the same schema, so key order agrees. */
export const samePolicy = (a: SlaSettings['policy'], b: SlaSettings['policy']): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/** Whether the ticket is in breach of a clock at once after the re-application. */
export const breachesAtOnce = (reapplication: Reapplication): boolean =>
  reapplication.trackedBreaches.length + reapplication.dueBreaches.length > 0;

export interface Reapplication {
  /** The ticket under the new policy, its next check aimed (not yet stored). */
  ticket: Ticket;
  /** The ticket's policy (id or content) differs from the one pinned on it. */
  affected: boolean;
  /** Breaches the re-application itself records (TTR time folded past its old target). */
  trackedBreaches: SlaBreach[];
  /** Clocks due at once under the new policy: what the check that follows records. */
  dueBreaches: SlaBreach[];
}

export const reapplyTo = (
  ticket: Ticket,
  pinned: SlaSettings,
  current: SlaSettings,
  now: Date,
): Reapplication => {
  const affected = !isFinal(ticket.status) && !samePolicy(pinned.policy, current.policy);
  if (!affected) return { ticket, affected, trackedBreaches: [], dueBreaches: [] };
  const at = now.toISOString();
  const next: Ticket = { ...ticket, version: ticket.version + 1, updatedAt: at };
  const tracked = trackSla({ previous: ticket, next, settings: current, previousSettings: pinned, now });
  const settled: Ticket = { ...next, sla: tracked.sla };
  const due = settle(settled, current, now).breaches;
  return {
    ticket: { ...settled, sla: armCheck(ticket.id, tracked.sla, nextCheck(settled, current)) },
    affected,
    trackedBreaches: tracked.breaches,
    dueBreaches: due,
  };
};

/** Every status that is not final: the tickets a policy still governs. */
export const openStatuses = (): string[] => ticketStatuses.filter((status) => !isFinal(status));

export const reapplyJobStart = (version: number, at: string): ReapplyJob => ({
  version,
  statuses: openStatuses(),
  after: null,
  step: 0,
  examined: 0,
  applied: 0,
  done: false,
  startedAt: at,
  updatedAt: at,
});

/** The job a stream change wrote, when it is an unfinished re-application job. */
export const reapplyJobOf = (change: StreamChange): ReapplyJob | null => {
  const image = change.newImage;
  if (change.eventName === 'REMOVE' || image?.entity !== slaReapplyJobEntity.name || image.done !== false)
    return null;
  return {
    version: Number(image.version),
    statuses: Array.isArray(image.statuses) ? image.statuses.map(String) : [],
    after: typeof image.after === 'string' ? image.after : null,
    step: Number(image.step),
    examined: Number(image.examined),
    applied: Number(image.applied),
    done: false,
    startedAt: String(image.startedAt),
    updatedAt: String(image.updatedAt),
  };
};

/** The stream filter of the sla-reapply consumer: job items written and not done. */
export const reapplyJobFilters: readonly FilterPattern[] = (['INSERT', 'MODIFY'] as const).map(
  (eventName) => ({
    eventName: [eventName],
    dynamodb: { NewImage: { entity: { S: [slaReapplyJobEntity.name] }, done: { BOOL: [false] } } },
  }),
);
