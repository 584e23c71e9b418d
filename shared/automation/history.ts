import type { IdGenerator } from '#platform/ports.js';
import type { StoredEvent } from '#tickets/ports.js';
import type { Message, Ticket } from '#tickets/schemas.js';
import { makeEvent, systemActor } from '#tickets/ticket.js';
import type { RuleRun } from './evaluate.js';

/** Who a rule's note is written by: the automation, like an integration, never a person. */
const ruleAuthor = (ruleName: string) => ({
  id: 'automation',
  name: `Rule ${ruleName}`,
  role: 'integrator' as const,
});

/**
 * What a rule run leaves in the ticket's history, all internal (rule names are the desk's own
 * configuration): per applied rule a `ticket.updated` "by rule <name>" with its changes, its
 * notes (internal messages with their `note.added`), an `automation.requested` event carrying
 * the mails and webhook calls it asked for (the automation consumer makes them); a failed rule
 * an `automation.failed` event; a run stopped by the depth limit an `automation.depth-limit`.
 */
export const historyOf = (
  run: RuleRun,
  ticket: Ticket,
  at: string,
  ids: IdGenerator,
): { events: StoredEvent[]; messages: Message[] } => {
  const events: StoredEvent[] = [];
  const messages: Message[] = [];
  for (const application of run.applications) {
    const actor = systemActor(`rule ${application.ruleName}`);
    const base = { ticketId: ticket.id, actor, at, internal: true };
    if (application.error !== undefined) {
      events.push(
        makeEvent({
          ...base,
          id: ids.next(),
          type: 'automation.failed',
          note: `Rule ${application.ruleName} failed and changed nothing: ${application.error}`,
        }),
      );
      continue;
    }
    if (application.changes.length)
      events.push(
        makeEvent({
          ...base,
          id: ids.next(),
          type: 'ticket.updated',
          changes: application.changes,
          note: `by rule ${application.ruleName}`,
        }),
      );
    for (const body of application.notes) {
      const message: Message = {
        id: ids.next(),
        ticketId: ticket.id,
        author: ruleAuthor(application.ruleName),
        body,
        internal: true,
        channel: 'api',
        createdAt: at,
      };
      messages.push(message);
      events.push(makeEvent({ ...base, id: ids.next(), type: 'note.added', note: message.id }));
    }
    if (application.requests.length)
      events.push({
        ...makeEvent({
          ...base,
          id: ids.next(),
          type: 'automation.requested',
          note: `by rule ${application.ruleName}: ${application.requests.map((r) => r.action).join(', ')}`,
        }),
        notice: { ruleId: application.ruleId, event: application.event, requests: application.requests },
      });
  }
  if (run.stoppedAtDepth)
    events.push(
      makeEvent({
        id: ids.next(),
        ticketId: ticket.id,
        type: 'automation.depth-limit',
        actor: systemActor('automation'),
        at,
        internal: true,
        note: 'Rules kept changing the ticket: stopped after 3 passes',
      }),
    );
  return { events, messages };
};
