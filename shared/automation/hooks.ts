import type { IdGenerator } from '#platform/ports.js';
import type { TicketChange } from '#tickets/ports.js';
import type { Ticket } from '#tickets/schemas.js';
import type { TicketHooks } from '#tickets/use-cases/deps.js';
import { type RuleLookups, runRules } from './evaluate.js';
import { historyOf } from './history.js';
import type { Log } from './ports.js';
import type { RuleEvent } from './rule.js';
import type { RulesCache } from './rules-cache.js';

export interface AutomationDeps {
  rules: RulesCache;
  lookups: RuleLookups;
  ids: IdGenerator;
  log: Log;
}

const fieldsOf = ({ version: _v, updatedAt: _u, sla: _s, ...fields }: Ticket) => fields;

/** The rule event a change is: created, updated (a field changed), or none (a message or note only). */
export const ruleEventOf = (change: TicketChange): RuleEvent | null => {
  if (change.previous === null) return 'ticket.created';
  return JSON.stringify(fieldsOf(change.previous)) === JSON.stringify(fieldsOf(change.ticket))
    ? null
    : 'ticket.updated';
};

/**
 * Rules on `ticket.created` / `ticket.updated` inside the change (docs/automation.md): they
 * complete the change before it is written, so the ticket is stored with them in the same
 * transaction and never seen without them. A failing rule changes nothing, is logged and
 * noted in the history; the change itself is saved.
 */
export const automationHooks = (deps: AutomationDeps): TicketHooks => ({
  async prepare(change, now) {
    const event = ruleEventOf(change);
    if (!event) return change;
    const { rules } = await deps.rules.get();
    if (!rules.some((rule) => rule.active && rule.when.includes(event))) return change;
    const run = await runRules(rules, event, { ticket: change.ticket }, deps.lookups);
    if (!run.applications.length) return change;
    for (const failed of run.applications.filter((a) => a.error !== undefined))
      deps.log.warn('An automation rule failed', {
        ticketId: change.ticket.id,
        ruleId: failed.ruleId,
        error: failed.error,
      });
    if (run.stoppedAtDepth)
      deps.log.warn('Automation rules stopped at the depth limit', { ticketId: change.ticket.id });
    const { events, messages } = historyOf(run, run.ticket, now.toISOString(), deps.ids);
    return {
      ...change,
      ticket: run.ticket,
      events: [...change.events, ...events],
      messages: [...(change.messages ?? []), ...messages],
    };
  },
  async committed() {},
});
