import { slaHooks } from '#sla/engine.js';
import type { SchedulerSettings } from '#sla/settings.js';
import type { TicketHooks } from '#tickets/use-cases/deps.js';
import { composeHooks } from '#tickets/use-cases/hooks.js';
import { automationOf } from './automation.js';
import { slaEngine } from './sla-engine.js';
import type { TableAdapters } from './tables.js';

/**
 * What follows a ticket change inside the request, built once per container by the routes that
 * change tickets: the automation rules on created/updated (docs/automation.md), then the SLA engine keeps the `sla` block and the ticket's timer in step. Mail is
 * not sent here: the stream consumers (functions/stream/mail.ts, sla-notices.ts) send what the
 * change's events cause, after the response.
 */
export const ticketChangeHooks = (input: TableAdapters & { scheduler: SchedulerSettings }): TicketHooks =>
  // Rules first: the SLA engine then computes the clocks of the ticket as the rules left it.
  composeHooks(automationOf(input).hooks(), slaHooks(slaEngine(input)));
