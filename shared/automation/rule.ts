import * as z from 'zod';
import { parseNamingFields } from '#platform/validation.js';
import { Category, Priority, Tag } from '#tickets/schemas.js';
import { TicketStatus } from '#tickets/status.js';

/**
 * Automation rules, exactly in the wire shape of issue 16 (docs/automation.md): the ordered
 * list of `{id, name, active, when, if, then}`. Rules on `ticket.created` / `ticket.updated` run
 * inside the change's transaction; the other events run from the change stream. `then` is the
 * contract's name: an array, never a function, so a rule is no thenable (biome.json lets it be).
 */

export const ruleEvents = [
  'ticket.created',
  'ticket.updated',
  'message.created',
  'sla.at-risk',
  'sla.breached',
  'ticket.idle',
] as const;
export const RuleEvent = /* @__PURE__ */ z.enum(ruleEvents).meta({ id: 'AutomationEvent' });
export type RuleEvent = z.infer<typeof RuleEvent>;

export const conditionFields = [
  'subject',
  'description',
  'priority',
  'category',
  'queue',
  'channel',
  'tags',
  'orgId',
  'status',
  'assignee',
  'message.body',
  'message.channel',
] as const;
export const ConditionField = /* @__PURE__ */ z.enum(conditionFields);
export type ConditionField = z.infer<typeof ConditionField>;

export const ConditionOp = /* @__PURE__ */ z.enum(['eq', 'ne', 'in', 'contains', 'matches', 'gt', 'lt']);
export type ConditionOp = z.infer<typeof ConditionOp>;

/** A pattern of `matches`: short, so a rule cannot make a change slow (docs/automation.md). */
const MAX_PATTERN = 200;

export const Condition = /* @__PURE__ */ z
  .strictObject({
    field: ConditionField,
    op: ConditionOp,
    value: z.union([z.string().max(500), z.number(), z.null(), z.array(z.string().max(200)).max(50)]),
  })
  .superRefine((condition, ctx) => {
    const { op, value } = condition;
    const fail = (message: string) => ctx.addIssue({ code: 'custom', path: ['value'], message });
    if (op === 'in' && !Array.isArray(value)) fail('`in` takes a list of values');
    if (op !== 'in' && Array.isArray(value)) fail(`\`${op}\` takes one value, not a list`);
    if ((op === 'contains' || op === 'matches') && typeof value !== 'string') fail(`\`${op}\` takes a text`);
    if ((op === 'gt' || op === 'lt') && typeof value !== 'string' && typeof value !== 'number')
      fail(`\`${op}\` takes a number, a date or a priority`);
    if (op === 'matches' && typeof value === 'string') {
      if (value.length > MAX_PATTERN) fail(`A pattern has at most ${MAX_PATTERN} characters`);
      else
        try {
          new RegExp(value, 'iu');
        } catch (error) {
          fail(`Not a regular expression: ${(error as Error).message}`);
        }
    }
  })
  .meta({ id: 'AutomationCondition' });
export type Condition = z.infer<typeof Condition>;

const settableValue = {
  priority: Priority,
  status: TicketStatus,
  category: Category.nullable(),
  queue: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'A queue id'),
  assignee: z.string().min(1).max(64).nullable(),
} as const;

const SetAction = /* @__PURE__ */ z
  .strictObject({
    action: z.literal('set'),
    field: z.enum(['priority', 'queue', 'category', 'status', 'assignee']),
    value: z.string().max(200).nullable(),
  })
  .superRefine((action, ctx) => {
    const parsed = settableValue[action.field].safeParse(action.value);
    if (!parsed.success)
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `Not a valid ${action.field}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      });
  });

export const Action = /* @__PURE__ */ z
  .discriminatedUnion('action', [
    SetAction,
    z.strictObject({ action: z.literal('addTags'), tags: z.array(Tag).min(1).max(20) }),
    z.strictObject({ action: z.literal('removeTags'), tags: z.array(Tag).min(1).max(20) }),
    z.strictObject({ action: z.literal('addNote'), body: z.string().trim().min(1).max(5000) }),
    z.strictObject({
      action: z.literal('sendMail'),
      template: z.string().min(1).max(60),
      to: z.enum(['requester', 'assignee', 'queue']),
    }),
    z.strictObject({ action: z.literal('callWebhook'), webhookId: z.string().min(1).max(64) }),
  ])
  .meta({ id: 'AutomationAction' });
export type Action = z.infer<typeof Action>;

export const Rule = /* @__PURE__ */ z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'A rule id is 1–40 lowercase letters, digits, - or _'),
    name: z.string().trim().min(1, 'A rule needs a name').max(100),
    active: z.boolean().default(true),
    when: z.array(RuleEvent).min(1, 'A rule runs on at least one event').max(6),
    if: z
      .strictObject({
        all: z.array(Condition).max(20).optional(),
        any: z.array(Condition).max(20).optional(),
      })
      .default({}),
    then: z.array(Action).min(1, 'A rule does at least one thing').max(10),
  })
  .meta({ id: 'AutomationRule' });
export type Rule = z.infer<typeof Rule>;

export const MAX_RULES = 100;

export const RuleDocument = /* @__PURE__ */ z
  .strictObject({ rules: z.array(Rule).max(MAX_RULES, `At most ${MAX_RULES} rules`) })
  .superRefine((document, ctx) => {
    const seen = new Map<string, number>();
    document.rules.forEach((rule, i) => {
      const first = seen.get(rule.id);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'id'],
          message: `Rule id '${rule.id}' is already used by rules.${first}`,
        });
      else seen.set(rule.id, i);
    });
  })
  .meta({
    id: 'AutomationRules',
    description: 'The ordered list; every matching active rule applies, in order',
  });
export type RuleDocument = z.infer<typeof RuleDocument>;

/** Validates a rule list; every problem names its field (`rules.0.then.1.value`). */
export const parseRuleDocument = (input: unknown): RuleDocument =>
  parseNamingFields(RuleDocument, input, 'The automation rules are invalid');
