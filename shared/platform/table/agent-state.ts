import { envelope, joinKey, type Key } from './key.js';

/**
 * An agent's routing state beside their user item: `USER#<id>` / `ROUTING`, holding whether
 * they take tickets now (`available`), how many open tickets are assigned to them
 * (`openAssigned`, moved by the ticket writer in the transaction of every change that assigns,
 * unassigns, opens or finishes one of their tickets) and when they were last given one
 * (`lastAssignment`: `<when>#<ticket id>`, for round-robin). Auto-assignment's `openAssigned < capacity` condition
 * sits on this item, so concurrent assignments never pass an agent's capacity.
 */
const USER = 'USER';
const ROUTING = 'ROUTING';
const ENTITY = 'agent-state';

const key = (userId: string): Key => ({ pk: joinKey(USER, userId), sk: ROUTING });

export const agentStateEntity = {
  name: ENTITY,
  key,
  item: (userId: string) => envelope(ENTITY, key(userId)),
};
