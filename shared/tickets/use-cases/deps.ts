import type { OrganisationDirectory } from '#identity/organisation.js';
import type { UserDirectory } from '#identity/user.js';
import type { Clock, IdGenerator } from '#platform/ports.js';
import type { MessageAttachments, TicketChange, TicketSearch, TicketStore } from '../ports.js';
import type { TicketFieldDefinition } from '../ticket-fields.js';

/**
 * Seams for what reacts to ticket changes (the SLA engine computes the `sla` block before
 * the write and arms timers after it). `noHooks` (./hooks.ts) does nothing.
 */
export interface TicketHooks {
  prepare(change: TicketChange, now: Date): Promise<TicketChange>;
  committed(change: TicketChange, now: Date): Promise<void>;
}

/** The ports every ticket use case takes. */
export interface TicketDeps {
  store: TicketStore;
  users: UserDirectory;
  organisations: OrganisationDirectory;
  clock: Clock;
  ids: IdGenerator;
  hooks?: TicketHooks;
  /** Files a message may take; without it a message with `attachmentIds` is refused. */
  attachments?: MessageAttachments;
  /** Full-text search (`q` of the ticket list); without it `q` filters the index's page. */
  search?: TicketSearch;
  /** The custom ticket fields admins defined (one read per change); without it `fields` is refused. */
  ticketFields?: { definitions(): Promise<TicketFieldDefinition[]> };
}
