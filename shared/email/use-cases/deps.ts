import type { AttachmentDeps } from '#attachments/use-cases/deps.js';
import type { Mailer } from '#notifications/ports.js';
import type { TicketDeps } from '#tickets/use-cases/deps.js';
import type { InboundMailStore, RawMailStorage } from '../ports.js';

/** The ports the inbound-mail use cases take. */
export interface InboundDeps {
  /** The ticket use cases' ports, with the SLA hooks and the file claims of a ticket change. */
  tickets: TicketDeps;
  attachments: AttachmentDeps;
  inbound: InboundMailStore;
  raw: RawMailStorage;
  /** Only for the polite answer to an unknown sender (admins' choice `reject`). */
  mailer: Mailer;
  config: {
    /** The domain of the product's Message-IDs (shared/notifications/threading.ts). */
    threadDomain: string;
    /** Lower-cased addresses of the help desk itself (the inbound address, the sender): never answered. */
    ownAddresses: string[];
  };
}
