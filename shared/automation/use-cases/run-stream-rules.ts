import { createHash } from 'node:crypto';
import { PreconditionFailed } from '#platform/errors.js';
import type { IdGenerator } from '#platform/ports.js';
import type { StreamChange } from '#platform/stream.js';
import { slaNoticeOf } from '#sla/notice-record.js';
import { ticketEventOf } from '#tickets/change-events.js';
import type { Ticket } from '#tickets/schemas.js';
import type { TicketDeps } from '#tickets/use-cases/deps.js';
import { commit } from '#tickets/use-cases/hooks.js';
import { runRules } from '../evaluate.js';
import { historyOf } from '../history.js';
import type { AutomationDeps } from '../hooks.js';
import type { RuleEvent } from '../rule.js';

/** The rules of the events that come from the change stream, run by the `automation` consumer. */
export interface StreamRuleDeps {
  automation: AutomationDeps;
  /** The ticket use-case ports, with the SLA hooks (the clocks follow what a rule sets). */
  tickets: TicketDeps;
}

export interface StreamRuleTrigger {
  ticketId: string;
  event: RuleEvent;
  /** The id of the history event that caused it: the run's ids derive from it. */
  sourceId: string;
  messageId?: string;
}

/** Which stream change is a rule event: a public message, an at-risk escalation, a breach. */
export const streamRuleTriggerOf = (change: StreamChange): StreamRuleTrigger | null => {
  const event = ticketEventOf(change);
  if (!event) return null;
  const base = { ticketId: event.ticketId, sourceId: event.id };
  if (event.type === 'message.added' && event.note)
    return { ...base, event: 'message.created', messageId: event.note };
  if (event.type === 'sla.breached') return { ...base, event: 'sla.breached' };
  if (event.type === 'ticket.idle') return { ...base, event: 'ticket.idle' };
  if (event.type === 'sla.escalation' && slaNoticeOf(change)?.notice.notice.level === 'at-risk')
    return { ...base, event: 'sla.at-risk' };
  return null;
};

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Ids derived from the event that triggered the run: a redelivered record writes the same
 * history events and notes again (a put of the same item), never a second copy. Each keeps the
 * source's ULID time, so it sorts beside it.
 */
export const derivedIds = (sourceId: string): IdGenerator => {
  let n = 0;
  return {
    next: () => {
      const digest = createHash('sha256').update(`${sourceId}#automation#${n++}`).digest();
      let random = '';
      for (let i = 0; i < 16; i++) random += CROCKFORD[(digest[i] ?? 0) % 32];
      return `${sourceId.slice(0, 10)}${random}`;
    },
  };
};

const fieldsOf = ({ version: _v, updatedAt: _u, sla: _s, ...fields }: Ticket) => fields;
const MAX_ATTEMPTS = 5;

/** Runs the rules of one stream event on the ticket as it is now and writes their result as one change. */
export const runStreamRules = async (deps: StreamRuleDeps, trigger: StreamRuleTrigger): Promise<number> => {
  const { rules } = await deps.automation.rules.get();
  if (!rules.some((rule) => rule.active && rule.when.includes(trigger.event))) return 0;
  const { store, clock } = deps.tickets;
  const message = trigger.messageId
    ? await store.getMessage(trigger.ticketId, trigger.messageId, { consistent: true })
    : null;
  for (let attempt = 1; ; attempt++) {
    const ticket = await store.getTicket(trigger.ticketId, { consistent: true });
    if (!ticket) return 0;
    const now = clock.now();
    const run = await runRules(
      rules,
      trigger.event,
      message ? { ticket, message: { body: message.body, channel: message.channel } } : { ticket },
      deps.automation.lookups,
    );
    const at = now.toISOString();
    const { events, messages } = historyOf(run, ticket, at, derivedIds(trigger.sourceId));
    if (!events.length) return 0;
    for (const failed of run.applications.filter((a) => a.error !== undefined))
      deps.automation.log.warn('An automation rule failed', {
        ticketId: ticket.id,
        ruleId: failed.ruleId,
        error: failed.error,
      });
    const changed = JSON.stringify(fieldsOf(run.ticket)) !== JSON.stringify(fieldsOf(ticket));
    const next: Ticket = { ...(changed ? run.ticket : ticket), version: ticket.version + 1, updatedAt: at };
    try {
      await commit(deps.tickets, { ticket: next, previous: ticket, events, messages }, now);
      return run.applications.length;
    } catch (error) {
      if (error instanceof PreconditionFailed && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
};
