import * as z from 'zod';
import type { Caller } from '#identity/caller.js';
import { Invalid } from '#platform/errors.js';
import { Category, Channel, Priority, type Ticket } from '#tickets/schemas.js';
import { emptySla } from '#tickets/sla-state.js';
import { TicketStatus } from '#tickets/status.js';
import { type RuleApplication, type RuleLookups, runRules } from '../evaluate.js';
import { Rule, RuleEvent } from '../rule.js';
import { assertAdmin, type RuleAdminDeps } from './manage-rules.js';

export const RuleTestBody = z
  .strictObject({
    ticket: z
      .strictObject({
        subject: z.string().max(200).default(''),
        description: z.string().max(50_000).default(''),
        priority: Priority.default('normal'),
        category: Category.nullable().default(null),
        queue: z.string().max(40).default('general'),
        channel: Channel.default('web'),
        tags: z.array(z.string().max(60)).max(20).default([]),
        orgId: z.string().max(64).default('acme'),
        status: TicketStatus.default('new'),
        assignee: z.string().max(64).nullable().default(null).meta({ description: 'A user id' }),
      })
      .meta({ description: 'The ticket fields the rules see; the others default' }),
    event: RuleEvent.default('ticket.created'),
    message: z.strictObject({ body: z.string().max(50_000), channel: Channel.default('web') }).optional(),
    rules: z
      .array(Rule)
      .max(100)
      .optional()
      .meta({ description: 'A draft list to test; the saved rules when absent' }),
  })
  .meta({ id: 'AutomationTest' });
export type RuleTestBody = z.infer<typeof RuleTestBody>;

const Change = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });

export const RuleTestResultSchema = z
  .object({
    fired: z.array(
      z.object({
        ruleId: z.string(),
        ruleName: z.string(),
        event: RuleEvent,
        depth: z.int(),
        changes: z.array(Change),
        notes: z.array(z.string()),
        requests: z.array(z.record(z.string(), z.unknown())),
        error: z.string().optional().meta({ description: 'The rule failed: none of its actions applies' }),
      }),
    ),
    ticket: z.object({
      priority: Priority,
      queue: z.string(),
      category: z.string().nullable(),
      status: TicketStatus,
      tags: z.array(z.string()),
      assignee: z.string().nullable(),
    }),
    stoppedAtDepth: z.boolean(),
  })
  .meta({ id: 'AutomationTestResult' });

export interface RuleTestResult {
  fired: RuleApplication[];
  /** The rule-visible fields after every rule ran. */
  ticket: Pick<Ticket, 'priority' | 'queue' | 'category' | 'status' | 'tags'> & { assignee: string | null };
  stoppedAtDepth: boolean;
}

/**
 * Which rules would fire on this ticket and what they would change: the same `runRules`, the
 * same look-ups (users, queues) as a real change, nothing written.
 */
export const testRules = async (
  deps: RuleAdminDeps & { lookups: RuleLookups },
  caller: Caller,
  body: RuleTestBody,
): Promise<RuleTestResult> => {
  assertAdmin(caller);
  const rules = body.rules ?? (await deps.store.load()).rules;
  const input = body.ticket;
  const assignee = input.assignee === null ? null : await deps.lookups.assignee(input.assignee);
  if (input.assignee !== null && !assignee)
    throw new Invalid('ticket.assignee: no such staff member', [
      { path: 'ticket.assignee', message: 'ticket.assignee: no such staff member' },
    ]);
  const at = deps.clock.now().toISOString();
  const ticket: Ticket = {
    id: 'test',
    reference: 'HD-TEST',
    subject: input.subject,
    description: input.description,
    status: input.status,
    priority: input.priority,
    category: input.category,
    tags: input.tags,
    queue: input.queue,
    orgId: input.orgId,
    requester: { id: 'requester', email: 'requester@example.invalid', name: 'Requester' },
    assignee,
    channel: input.channel,
    version: 1,
    createdAt: at,
    updatedAt: at,
    sla: emptySla(),
  };
  const run = await runRules(
    rules,
    body.event,
    body.message ? { ticket, message: body.message } : { ticket },
    deps.lookups,
  );
  return {
    fired: run.applications,
    ticket: {
      priority: run.ticket.priority,
      queue: run.ticket.queue,
      category: run.ticket.category,
      status: run.ticket.status,
      tags: run.ticket.tags,
      assignee: run.ticket.assignee?.id ?? null,
    },
    stoppedAtDepth: run.stoppedAtDepth,
  };
};
