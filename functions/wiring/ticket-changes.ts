import { slaHooks } from '#sla/engine.js';
import type { SchedulerSettings } from '#sla/settings.js';
import type { TicketHooks } from '#tickets/use-cases/deps.js';
import { slaEngine } from './sla-engine.js';
import type { TableAdapters } from './tables.js';

/**
 * What follows a ticket change inside the request, built once per container by the routes that
 * change tickets: the SLA engine keeps the `sla` block and the ticket's timer in step. Mail is
 * not sent here: the stream consumers (functions/stream/mail.ts, sla-notices.ts) send what the
 * change's events cause, after the response.
 */
export const ticketChangeHooks = (input: TableAdapters & { scheduler: SchedulerSettings }): TicketHooks =>
  slaHooks(slaEngine(input));
