import { monotonicFactory } from 'ulid';
import type { Clock, IdGenerator } from './ports.js';

export const systemClock: Clock = { now: () => new Date() };

/** Monotonic ULIDs: ids created in the same millisecond still sort in creation order. */
export const ulidGenerator = (): IdGenerator => {
  const next = monotonicFactory();
  return { next: () => next() };
};
