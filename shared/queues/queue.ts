import * as z from 'zod';
import { Category, QueueId } from '#tickets/schemas.js';

/** How a queue hands its new tickets out (docs/routing.md). */
export const autoAssignModes = ['off', 'round-robin', 'least-loaded'] as const;
export const AutoAssignMode = /* @__PURE__ */ z.enum(autoAssignModes).meta({ id: 'AutoAssignMode' });
export type AutoAssignMode = z.infer<typeof AutoAssignMode>;

/** A queue lists at most this many members and this many people to escalate to (one BatchGetItem reads them all). */
export const MAX_QUEUE_MEMBERS = 40;
export const MAX_ESCALATION_TO = 10;

export const Skill = /* @__PURE__ */ z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}_.:-]{1,40}$/u, 'A skill is one word of at most 40 letters, digits, _ . : -');

const UserId = /* @__PURE__ */ z.string().min(1).max(128);

const Members = /* @__PURE__ */ z
  .array(UserId)
  .max(MAX_QUEUE_MEMBERS, `At most ${MAX_QUEUE_MEMBERS} members`)
  .refine((ids) => new Set(ids).size === ids.length, 'A member is listed twice');
const EscalationTo = /* @__PURE__ */ z
  .array(UserId)
  .max(MAX_ESCALATION_TO, `At most ${MAX_ESCALATION_TO} people to escalate to`)
  .refine((ids) => new Set(ids).size === ids.length, 'A person is listed twice');

/** Per ticket category, the skills an agent needs (all of them) to be given its tickets. */
const RequiredSkills = /* @__PURE__ */ z
  .record(Category, z.array(Skill).min(1, 'Name at least one skill, or leave the category out').max(10))
  .refine((map) => Object.keys(map).length <= 50, 'At most 50 categories');

/** What an admin sets on a queue. */
export const QueueSettings = /* @__PURE__ */ z.strictObject({
  name: z.string().trim().min(1, 'name must not be empty').max(80, 'name is at most 80 characters'),
  members: Members,
  escalationTo: EscalationTo,
  autoAssign: AutoAssignMode,
  requiredSkills: RequiredSkills.optional(),
});
export type QueueSettings = z.infer<typeof QueueSettings>;

/** `POST /queues`: a new queue; members, escalation and auto-assignment default to none and off. */
export const NewQueue = /* @__PURE__ */ QueueSettings.extend({
  id: QueueId,
  members: Members.default([]),
  escalationTo: EscalationTo.default([]),
  autoAssign: AutoAssignMode.default('off'),
}).meta({ id: 'NewQueue' });
export type NewQueue = z.infer<typeof NewQueue>;

/** `PATCH /queues/{id}`: the fields given replace theirs (`requiredSkills: null` clears them). */
export const QueuePatch = /* @__PURE__ */ QueueSettings.extend({ requiredSkills: RequiredSkills.nullable() })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Give at least one field to change' })
  .meta({ id: 'QueuePatch' });
export type QueuePatch = z.infer<typeof QueuePatch>;

export const QueuePathParams = /* @__PURE__ */ z.strictObject({ id: QueueId });

/** A queue's configuration as stored (queues seeded before routing read with the defaults). */
export const QueueDefinition = /* @__PURE__ */ z.object({
  id: z.string(),
  name: z.string(),
  members: z.array(z.string()).default([]),
  escalationTo: z.array(z.string()).default([]),
  autoAssign: AutoAssignMode.default('off'),
  requiredSkills: z.record(z.string(), z.array(z.string())).default({}),
  version: z.int().default(1),
  updatedAt: z.string().nullable().default(null),
});
export type QueueDefinition = z.infer<typeof QueueDefinition>;

/** A queue, as `GET /queues` lists it: the counts per status come from its count shards. */
export const Queue = /* @__PURE__ */ z
  .object({
    id: z.string(),
    name: z.string(),
    members: z.array(z.string()),
    escalationTo: z.array(z.string()),
    autoAssign: AutoAssignMode,
    requiredSkills: z.record(z.string(), z.array(z.string())),
    version: z.int(),
    updatedAt: z.string().nullable(),
    counts: z.record(z.string(), z.int()).meta({ description: 'Tickets in this queue per status' }),
  })
  .meta({ id: 'Queue' });
export type Queue = z.infer<typeof Queue>;

/** The skills a ticket of this category asks of its assignee in this queue (none when not listed). */
export const skillsFor = (
  queue: Pick<QueueDefinition, 'requiredSkills'>,
  category: string | null,
): string[] => (category === null ? [] : (queue.requiredSkills[category] ?? []));
