import * as z from 'zod';
import { Timestamp } from './timestamp.js';

/**
 * The SLA block a ticket carries. The SLA engine (shared/sla) computes it, the ticket owns
 * its shape: the public part is the HTTP contract, the bookkeeping is the engine's and stays
 * in the store.
 */

/**
 * The timed checks the SLA engine arms for a ticket; the ticket records the next one.
 * `wake-up` ends a postponement (status `postponed` back to `open` at `postponedUntil`);
 * `idle` records that no public message came for the policy's `idleAfter` (the `ticket.idle` rule event).
 */
export const slaCheckKinds = ['reminder', 'escalation', 'auto-close', 'requeue', 'wake-up', 'idle'] as const;
export const SlaCheckKind = /* @__PURE__ */ z.enum(slaCheckKinds);
export type SlaCheckKind = z.infer<typeof SlaCheckKind>;

export const SlaBreach = /* @__PURE__ */ z.object({
  clock: z.enum(['timeToOpen', 'timeToResolve', 'totalServiceTime']),
  at: Timestamp,
});
export type SlaBreach = z.infer<typeof SlaBreach>;

const publicFields = {
  policyId: z.string().nullable(),
  firstResponseDueAt: Timestamp.nullable().meta({ description: 'TTS deadline: an agent opens the ticket' }),
  resolutionDueAt: Timestamp.nullable().meta({
    description: 'TTR deadline while the clock runs (new, open); null while paused or stopped',
  }),
  totalDueAt: Timestamp.nullable().meta({ description: 'TST deadline: closed by then' }),
  firstRespondedAt: Timestamp.nullable(),
  breaches: z.array(SlaBreach),
  paused: z.boolean(),
};

/**
 * Bookkeeping of the SLA engine that keeps every computation O(1) per change (docs/sla.md).
 * Optional: a ticket written before the engine ran reads as if each had its initial value.
 */
const bookkeepingFields = {
  policy: z.record(z.string(), z.unknown()).nullable().optional().meta({
    description:
      'The policy the ticket runs under, as it was when applied (null: none matched). A policy change re-applies it only when an admin asks (docs/sla.md)',
  }),
  openedAt: Timestamp.nullable()
    .optional()
    .meta({ description: 'When the ticket first left `new` (stops TTS)' }),
  resolvedAt: Timestamp.nullable()
    .optional()
    .meta({ description: 'When the current proposed solution was given' }),
  assignedAt: Timestamp.nullable()
    .optional()
    .meta({ description: 'When the assignee, not yet picked up, was set' }),
  resolutionElapsedMs: z
    .int()
    .min(0)
    .optional()
    .meta({ description: 'TTR business time used up to resolutionRunningSince' }),
  resolutionRunningSince: Timestamp.nullable()
    .optional()
    .meta({ description: 'Since when TTR runs; null: not running' }),
  notified: z
    .array(z.string())
    .optional()
    .meta({ description: 'SLA notices already issued, `<clock>:<level>`' }),
  scheduleGeneration: z
    .int()
    .min(0)
    .optional()
    .meta({ description: 'Sequence of the timers armed for this ticket' }),
  scheduleName: z
    .string()
    .nullable()
    .optional()
    .meta({ description: 'The one pending SLA check timer, if any' }),
  lastPublicMessageAt: Timestamp.nullable().optional().meta({
    description: 'The last public message (either side); idleness counts from it, or from creation',
  }),
  nextCheckAt: Timestamp.nullable().optional(),
  nextCheckKind: SlaCheckKind.nullable().optional(),
};

/** The SLA block as the API shows it to every caller. */
export const SlaView = /* @__PURE__ */ z.object(publicFields).meta({ id: 'SlaState' });
export type SlaView = z.infer<typeof SlaView>;

/** The SLA block as stored: the public part plus the engine's bookkeeping. */
export const SlaState = /* @__PURE__ */ z.object({ ...publicFields, ...bookkeepingFields });
export type SlaState = z.infer<typeof SlaState>;

export const slaBookkeepingKeys = /* @__PURE__ */ Object.keys(
  bookkeepingFields,
) as (keyof typeof bookkeepingFields)[];

/** Every field at its initial value; `policy` stays absent until the SLA engine pins one (absent: not pinned yet). */
export const emptySla = (): Required<Omit<SlaState, 'policy'>> & Pick<SlaState, 'policy'> => ({
  policyId: null,
  firstResponseDueAt: null,
  resolutionDueAt: null,
  totalDueAt: null,
  firstRespondedAt: null,
  breaches: [],
  paused: false,
  openedAt: null,
  resolvedAt: null,
  assignedAt: null,
  resolutionElapsedMs: 0,
  resolutionRunningSince: null,
  notified: [],
  scheduleGeneration: 0,
  scheduleName: null,
  lastPublicMessageAt: null,
  nextCheckAt: null,
  nextCheckKind: null,
});
