import type { Caller } from '#identity/caller.js';
import type { Ticket } from '../schemas.js';
import type { TicketDeps } from './deps.js';
import { loadVisible } from './visibility.js';

export const getTicket = (deps: TicketDeps, caller: Caller, id: string): Promise<Ticket> =>
  loadVisible(deps, caller, id);
