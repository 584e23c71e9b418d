import { type FilterPattern, insertsOf, type StreamChange } from '#platform/stream.js';
import { eventEntity } from '#platform/table/ticket.js';
import { TicketEvent } from './record-schemas.js';

/**
 * A ticket's history events are its change events: every change writes them in the same
 * transaction as the ticket (./adapters/dynamodb-ticket-writer.ts), so a consumer of their
 * inserts on the table's stream misses no change and sees none that did not happen.
 *
 * Types written today: ticket.created, ticket.updated, message.added, note.added,
 * ticket.resolved, ticket.accepted (closed by the client), ticket.reopened, feedback.given,
 * sla.breached, sla.reminder, sla.escalation, sla.requeued, sla.auto-closed, ticket.merged (on
 * the ticket merged away), ticket.merged-in (on the ticket it continues in), sla.policy-applied
 * (an admin re-applied a changed policy list to the open tickets, docs/sla.md), ticket.idle (no
 * public message for the policy's idleAfter, docs/automation.md).
 */
export const ticketEventTypes = [
  'ticket.created',
  'ticket.updated',
  'message.added',
  'note.added',
  'ticket.resolved',
  'ticket.accepted',
  'ticket.reopened',
  'feedback.given',
  'sla.breached',
  'sla.reminder',
  'sla.escalation',
  'sla.requeued',
  'sla.auto-closed',
  'ticket.merged',
  'ticket.merged-in',
  'sla.policy-applied',
  'ticket.idle',
  'automation.requested',
] as const;
export type TicketEventType = (typeof ticketEventTypes)[number];

/** The filter pattern for inserted ticket events, of the given types (all when none given). */
export const ticketEventInserts = (types: readonly TicketEventType[] = []): FilterPattern =>
  insertsOf(eventEntity.name, types.length ? { type: { S: types } } : {});

/** The ticket event a stream change inserted, or null when the change is anything else. */
export const ticketEventOf = (change: StreamChange): TicketEvent | null => {
  if (change.eventName !== 'INSERT' || change.newImage?.entity !== eventEntity.name) return null;
  return TicketEvent.parse(change.newImage);
};
