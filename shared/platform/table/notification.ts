import { envelope, joinKey, type Key } from './key.js';
import { ticketPartition } from './ticket.js';

/** A notification record, in its ticket's partition: `TICKET#<id>` / `NOTICE#<clock>#<level>`. */
const NOTICE = 'NOTICE';
const ENTITY = 'notification';

const key = (ticketId: string, clock: string, level: string): Key => ({
  pk: ticketPartition(ticketId),
  sk: joinKey(NOTICE, clock, level),
});

export const notificationEntity = {
  name: ENTITY,
  key,
  item: (ticketId: string, clock: string, level: string) => envelope(ENTITY, key(ticketId, clock, level)),
};
