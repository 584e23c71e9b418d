import * as z from 'zod';
import { Invalid } from '#platform/errors.js';
import { dottedPath } from '#platform/validation.js';
import { Category, Channel, OrgId, Priority } from '#tickets/schemas.js';
import { DEFAULT_CALENDAR_ID } from './calendar.js';
import { Duration } from './duration.js';

/**
 * SLA policies, exactly in the wire shape of docs/architecture.md (SLA clocks). The list is ordered and the first
 * policy whose conditions all match a ticket applies; an empty condition list means "any".
 */

const Fraction = /* @__PURE__ */ z
  .number()
  .gt(0, 'A fraction is more than 0 (e.g. 0.5 for half-way)')
  .lt(1, 'A fraction is less than 1: at 1 the clock has breached');

export const PolicyMatch = /* @__PURE__ */ z
  .strictObject({
    priority: z.array(Priority).max(4).default([]),
    category: z.array(Category).max(50).default([]),
    orgId: z.array(OrgId).max(200).default([]),
    channel: z.array(Channel).max(5).default([]),
  })
  .meta({ id: 'SlaPolicyMatch', description: 'Every non-empty list must contain the ticket’s value' });
export type PolicyMatch = z.infer<typeof PolicyMatch>;

export const SlaTargets = /* @__PURE__ */ z
  .strictObject({
    timeToOpen: Duration.nullable().meta({ description: 'TTS: creation → an agent opens the ticket' }),
    timeToResolve: Duration.nullable().meta({
      description: 'TTR: work time to a proposed solution; paused in pending and on_hold',
    }),
    totalServiceTime: Duration.nullable().meta({ description: 'TST: creation → closed, never pauses' }),
  })
  .meta({ id: 'SlaTargets', description: 'null: the clock is not measured under this policy' });

export const SlaPolicy = /* @__PURE__ */ z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'A policy id is 1–40 lowercase letters, digits, - or _'),
    name: z.string().trim().min(1, 'A policy needs a name').max(100),
    match: PolicyMatch.default({ priority: [], category: [], orgId: [], channel: [] }),
    calendarId: z.string().min(1).max(40).default(DEFAULT_CALENDAR_ID),
    targets: SlaTargets,
    reminders: z
      .array(Fraction)
      .max(5, 'At most 5 reminders')
      .default([0.5, 0.8])
      .superRefine((fractions, ctx) => {
        // Notices are keyed by whole percent (`reminder-50`), so reminders must differ by one.
        fractions.forEach((fraction, i) => {
          const before = fractions[i - 1];
          if (before !== undefined && Math.round(fraction * 100) <= Math.round(before * 100))
            ctx.addIssue({
              code: 'custom',
              path: [i],
              message: 'Reminders must increase, by at least one percent each',
            });
        });
      })
      .meta({ description: 'Fractions of TTS and TTR at which the assignee (or the queue) is reminded' }),
    atRisk: Fraction.nullable()
      .default(0.8)
      .meta({ description: 'Fraction of TST at which the lead is warned; null: no warning' }),
    pickupTimeout: Duration.nullable()
      .default(null)
      .meta({ description: 'An assigned ticket not picked up in this time goes back to its queue' }),
    autoCloseAfter: Duration.default('PT72H').meta({
      description: 'A resolved ticket without client reply for this long closes itself',
    }),
    idleAfter: Duration.nullable().optional().meta({
      description:
        'A ticket still being worked on (new, open, answered, pending, on hold) with no public message for this long (real time) raises the `ticket.idle` rule event once; absent or null: never (docs/automation.md)',
    }),
  })
  .meta({ id: 'SlaPolicy' });
export type SlaPolicy = z.infer<typeof SlaPolicy>;
export type SlaPolicyInput = z.input<typeof SlaPolicy>;

export const MAX_POLICIES = 100;

export const SlaPolicyDocument = /* @__PURE__ */ z
  .strictObject({
    policies: z.array(SlaPolicy).max(MAX_POLICIES, `At most ${MAX_POLICIES} policies`),
  })
  .superRefine((document, ctx) => {
    const seen = new Map<string, number>();
    document.policies.forEach((policy, i) => {
      const first = seen.get(policy.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['policies', i, 'id'],
          message: `Policy id '${policy.id}' is already used by policies.${first}`,
        });
      } else seen.set(policy.id, i);
    });
  })
  .meta({ id: 'SlaPolicies', description: 'The whole ordered list; the first matching policy applies' });
export type SlaPolicyDocument = z.infer<typeof SlaPolicyDocument>;

/**
 * Validates a policy document (PUT body) and the calendars it names. Every problem is reported
 * with the path of its field, so an admin knows exactly what to fix.
 */
export const parsePolicyDocument = (
  input: unknown,
  knownCalendarIds: readonly string[] = [DEFAULT_CALENDAR_ID],
): SlaPolicyDocument => {
  const parsed = SlaPolicyDocument.safeParse(input);
  const errors = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        path: dottedPath(issue.path),
        message: `${dottedPath(issue.path) || 'body'}: ${issue.message}`,
      }));
  if (parsed.success) {
    parsed.data.policies.forEach((policy, i) => {
      if (!knownCalendarIds.includes(policy.calendarId)) {
        const path = `policies.${i}.calendarId`;
        errors.push({
          path,
          message: `${path}: no calendar '${policy.calendarId}' (known: ${knownCalendarIds.join(', ')})`,
        });
      }
    });
  }
  if (!parsed.success || errors.length) {
    throw new Invalid(
      errors.length === 1
        ? `The SLA policies are invalid: ${errors[0]?.message}`
        : 'The SLA policies are invalid',
      errors,
    );
  }
  return parsed.data;
};

/** What a policy is matched on. */
export interface PolicySubject {
  priority: Priority;
  category: string | null;
  orgId: string;
  channel: Channel;
}

const matches = (list: readonly string[], value: string | null): boolean =>
  list.length === 0 || (value !== null && list.includes(value));

export const policyMatches = (policy: SlaPolicy, ticket: PolicySubject): boolean =>
  matches(policy.match.priority, ticket.priority) &&
  matches(policy.match.category, ticket.category) &&
  matches(policy.match.orgId, ticket.orgId) &&
  matches(policy.match.channel, ticket.channel);

/** The first policy whose conditions all match, or null: then no SLA clock runs for the ticket. */
export const matchPolicy = (policies: readonly SlaPolicy[], ticket: PolicySubject): SlaPolicy | null =>
  policies.find((policy) => policyMatches(policy, ticket)) ?? null;

const policy = (
  id: string,
  name: string,
  priority: Priority,
  timeToOpen: string,
  timeToResolve: string,
  totalServiceTime: string,
  pickupTimeout: string,
): SlaPolicy => ({
  id,
  name,
  match: { priority: [priority], category: [], orgId: [], channel: [] },
  calendarId: DEFAULT_CALENDAR_ID,
  targets: { timeToOpen, timeToResolve, totalServiceTime },
  reminders: [0.5, 0.8],
  atRisk: 0.8,
  pickupTimeout,
  autoCloseAfter: 'PT72H',
});

/** The policies a fresh installation starts with: one per priority, around the clock. */
export const defaultPolicies = (): SlaPolicy[] => [
  policy('urgent', 'Urgent tickets', 'urgent', 'PT15M', 'PT4H', 'PT8H', 'PT20M'),
  policy('high', 'High priority', 'high', 'PT1H', 'PT8H', 'PT24H', 'PT30M'),
  policy('normal', 'Normal priority', 'normal', 'PT4H', 'PT24H', 'PT72H', 'PT1H'),
  policy('low', 'Low priority', 'low', 'PT8H', 'PT72H', 'PT168H', 'PT2H'),
];
