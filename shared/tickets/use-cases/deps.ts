import type { UserDirectory } from '#identity/user.js';
import type { Clock, IdGenerator } from '#platform/ports.js';
import type { TicketStore } from '../ports.js';
import type { TicketHooks } from './hooks.js';

/** The ports every ticket use case takes. */
export interface TicketDeps {
  store: TicketStore;
  users: UserDirectory;
  clock: Clock;
  ids: IdGenerator;
  hooks?: TicketHooks;
}
