import { Invalid } from '#platform/errors.js';
import type { Change, Channel, Ticket, UserRef } from '#tickets/schemas.js';
import { assertTransition } from '#tickets/status.js';
import { isPausedStatus } from '#tickets/ticket.js';
import type { Action, Condition, ConditionField, Rule, RuleEvent } from './rule.js';

/**
 * How rules decide and what they change, pure but for two look-ups (docs/automation.md). The
 * same function runs inside a ticket's transaction, in the stream consumer, and behind
 * `POST /automation/rules/test`, so the test endpoint shows what really happens.
 */

/** A change made by a rule triggers `ticket.updated` rules again, up to this depth (the first pass is depth 1). */
export const MAX_DEPTH = 3;

/** A `matches` pattern reads at most this much of a text (bounded work per rule). */
const MAX_MATCHED_CHARS = 10_000;

export interface RuleSubject {
  ticket: Ticket;
  /** The new message, for `message.created` (and its `message.*` conditions). */
  message?: { body: string; channel: Channel };
}

export interface RuleLookups {
  /** The staff member a rule assigns, or null when there is none (or not staff). */
  assignee(userId: string): Promise<UserRef | null>;
  queueExists(queue: string): Promise<boolean>;
}

/** What a rule asks for beyond the ticket: done off the transaction, by the automation consumer. */
export type RuleRequest = Extract<Action, { action: 'sendMail' | 'callWebhook' }>;

export interface RuleApplication {
  ruleId: string;
  ruleName: string;
  event: RuleEvent;
  depth: number;
  /** Field changes, before → after, in the history's shape. */
  changes: Change[];
  /** Internal notes the rule adds. */
  notes: string[];
  requests: RuleRequest[];
  /** The rule failed: none of its actions applied; the change goes on without it. */
  error?: string;
}

export interface RuleRun {
  ticket: Ticket;
  applications: RuleApplication[];
  /** The last pass still changed the ticket: rules were not run again (loop safety). */
  stoppedAtDepth: boolean;
}

const priorityRank: Record<string, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

const fieldValue = (field: ConditionField, subject: RuleSubject): string | string[] | null => {
  const { ticket, message } = subject;
  switch (field) {
    case 'tags':
      return ticket.tags;
    case 'assignee':
      return ticket.assignee?.id ?? null;
    case 'message.body':
      return message?.body ?? null;
    case 'message.channel':
      return message?.channel ?? null;
    default:
      return (ticket[field] as string | null | undefined) ?? null;
  }
};

const compare = (field: ConditionField, actual: string, expected: string | number): number => {
  if (field === 'priority' && typeof expected === 'string' && expected in priorityRank)
    return (priorityRank[actual] ?? 0) - (priorityRank[expected] ?? 0);
  if (typeof expected === 'number') return Number(actual) - expected;
  return actual < expected ? -1 : actual > expected ? 1 : 0;
};

const text = (value: unknown): string => String(value).toLowerCase();

/** One condition against one value; a list (tags) matches when any element does (`ne`: when none does). */
const holdsFor = (condition: Condition, actual: string | null): boolean => {
  const { op, value } = condition;
  switch (op) {
    case 'eq':
      return value === null ? actual === null : actual !== null && text(actual) === text(value);
    case 'ne':
      return !holdsFor({ ...condition, op: 'eq' }, actual);
    case 'in':
      return Array.isArray(value) && actual !== null && value.some((v) => text(v) === text(actual));
    case 'contains':
      return actual !== null && text(actual).includes(text(value));
    case 'matches':
      return actual !== null && new RegExp(String(value), 'iu').test(actual.slice(0, MAX_MATCHED_CHARS));
    case 'gt':
    case 'lt': {
      if (actual === null || (typeof value !== 'string' && typeof value !== 'number')) return false;
      const order = compare(condition.field, actual, value);
      return op === 'gt' ? order > 0 : order < 0;
    }
  }
};

export const conditionHolds = (condition: Condition, subject: RuleSubject): boolean => {
  const actual = fieldValue(condition.field, subject);
  if (!Array.isArray(actual)) return holdsFor(condition, actual);
  if (condition.op === 'ne') return actual.every((element) => holdsFor(condition, element));
  return actual.some((element) => holdsFor(condition, element));
};

/** `all` must all hold, `any` needs one (when given); a rule without conditions always applies. */
export const ruleMatches = (rule: Rule, subject: RuleSubject): boolean => {
  const { all = [], any = [] } = rule.if;
  return (
    all.every((condition) => conditionHolds(condition, subject)) &&
    (any.length === 0 || any.some((condition) => conditionHolds(condition, subject)))
  );
};

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Applies one rule's actions to the ticket, all or nothing: an action that cannot apply throws. */
const applyActions = async (
  rule: Rule,
  start: Ticket,
  lookups: RuleLookups,
): Promise<Pick<RuleApplication, 'changes' | 'notes' | 'requests'> & { ticket: Ticket }> => {
  let ticket = start;
  const changes: Change[] = [];
  const notes: string[] = [];
  const requests: RuleRequest[] = [];
  const set = <K extends keyof Ticket>(field: K, value: Ticket[K]) => {
    if (sameValue(ticket[field], value)) return;
    changes.push({ field, from: ticket[field], to: value });
    ticket = { ...ticket, [field]: value };
  };
  for (const action of rule.then) {
    switch (action.action) {
      case 'set': {
        const value = action.value;
        if (action.field === 'priority') set('priority', value as Ticket['priority']);
        else if (action.field === 'category') set('category', value);
        else if (action.field === 'status') {
          const status = value as Ticket['status'];
          assertTransition(ticket.status, status);
          set('status', status);
          ticket = { ...ticket, sla: { ...ticket.sla, paused: isPausedStatus(ticket.status) } };
        } else if (action.field === 'queue') {
          if (value === null || !(await lookups.queueExists(value)))
            throw new Invalid(`There is no queue '${value}'`);
          set('queue', value);
        } else {
          const assignee = value === null ? null : await lookups.assignee(value);
          if (value !== null && !assignee) throw new Invalid(`There is no staff member '${value}' to assign`);
          set('assignee', assignee);
        }
        break;
      }
      case 'addTags':
        set('tags', [...new Set([...ticket.tags, ...action.tags])].slice(0, 20));
        break;
      case 'removeTags':
        set(
          'tags',
          ticket.tags.filter((tag) => !action.tags.includes(tag)),
        );
        break;
      case 'addNote':
        notes.push(action.body);
        break;
      case 'sendMail':
      case 'callWebhook':
        requests.push(action);
        break;
    }
  }
  return { ticket, changes, notes, requests };
};

/**
 * Runs the active rules for `event` on the subject, in list order (each sees what the ones
 * before it changed). When a pass changed the ticket, the `ticket.updated` rules run on the
 * result, up to MAX_DEPTH passes in all, so two rules that undo each other stop there.
 */
export const runRules = async (
  rules: readonly Rule[],
  event: RuleEvent,
  subject: RuleSubject,
  lookups: RuleLookups,
): Promise<RuleRun> => {
  let ticket = subject.ticket;
  let current: RuleEvent = event;
  let message = subject.message;
  const applications: RuleApplication[] = [];
  for (let depth = 1; depth <= MAX_DEPTH; depth++) {
    let changed = false;
    for (const rule of rules) {
      if (!rule.active || !rule.when.includes(current)) continue;
      const base = { ruleId: rule.id, ruleName: rule.name, event: current, depth };
      if (!ruleMatches(rule, message ? { ticket, message } : { ticket })) continue;
      try {
        const applied = await applyActions(rule, ticket, lookups);
        ticket = applied.ticket;
        if (applied.changes.length) changed = true;
        applications.push({
          ...base,
          changes: applied.changes,
          notes: applied.notes,
          requests: applied.requests,
        });
      } catch (error) {
        applications.push({
          ...base,
          changes: [],
          notes: [],
          requests: [],
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    if (!changed) return { ticket, applications, stoppedAtDepth: false };
    current = 'ticket.updated';
    message = undefined;
  }
  return { ticket, applications, stoppedAtDepth: true };
};
