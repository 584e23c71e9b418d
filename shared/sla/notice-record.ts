import * as z from 'zod';
import type { StreamChange } from '#platform/stream.js';
import { ticketEventOf } from '#tickets/change-events.js';
import { UserRef } from '#tickets/record-schemas.js';
import { SlaCheckKind } from '#tickets/sla-state.js';
import type { SlaMailNotice } from './ports.js';

/**
 * The SLA notice a check decided, as it is stored on the history event the check writes
 * (`notice`, beside the API's fields, which the API's TicketEvent parse strips): everything the
 * sla-notices stream consumer needs to send the mail later, once (docs/sla.md).
 */
export const SlaNoticeRecord = z.object({
  notice: z.object({
    kind: SlaCheckKind.exclude(['wake-up', 'idle']),
    clock: z.enum(['timeToOpen', 'timeToResolve', 'totalServiceTime', 'pickup', 'autoClose']),
    level: z.string(),
    audience: z.enum(['assignee', 'queue', 'leads', 'leads-and-admins', 'requester']),
    dueAt: z.iso.datetime(),
    deadline: z.iso.datetime(),
    fraction: z.number().optional(),
  }),
  previousAssignee: UserRef.nullable(),
  at: z.iso.datetime(),
}) satisfies z.ZodType<SlaMailNotice>;

/** The event types that carry an SLA notice (the sla-notices consumer's filter). */
export const slaNoticeEventTypes = [
  'sla.reminder',
  'sla.escalation',
  'sla.requeued',
  'sla.auto-closed',
] as const;

/**
 * The notice an inserted SLA event carries, with its ticket; null for any other change, and
 * for an SLA event written before notices were recorded (its check mailed it then). A notice
 * that does not parse throws: it can never be sent, and the stream's dead-letter queue shows it.
 */
export const slaNoticeOf = (change: StreamChange): { ticketId: string; notice: SlaMailNotice } | null => {
  const event = ticketEventOf(change);
  if (!event || !(slaNoticeEventTypes as readonly string[]).includes(event.type)) return null;
  const stored = change.newImage?.notice;
  if (stored === undefined) return null;
  return { ticketId: event.ticketId, notice: SlaNoticeRecord.parse(stored) };
};
