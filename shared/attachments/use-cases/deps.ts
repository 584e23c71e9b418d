import type { Clock, IdGenerator } from '#platform/ports.js';
import type { TicketStore } from '#tickets/ports.js';
import type { AttachmentStorage, AttachmentStore } from '../ports.js';

/** The ports every attachment use case takes. */
export interface AttachmentDeps {
  tickets: Pick<TicketStore, 'getTicket'>;
  store: AttachmentStore;
  storage: AttachmentStorage;
  clock: Clock;
  ids: IdGenerator;
  limits: { maxFileBytes: number };
  /** With `guardduty`, a file whose type checks out waits for the scan result before it is offered. */
  malwareScan: 'off' | 'guardduty';
}
