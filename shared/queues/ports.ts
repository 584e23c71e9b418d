import type { AuditEntry } from '#identity/audit.js';
import type { Queue, QueueDefinition } from './queue.js';

/** The queues of the help desk with their ticket counts. */
export interface QueueDirectory {
  list(): Promise<Queue[]>;
  /** One queue with its counts, or null. */
  get(id: string): Promise<Queue | null>;
}

/** Queues as an admin changes them: each write lands with its audit record, in one transaction. */
export interface QueueStore extends QueueDirectory {
  /** Conflict when a queue of this id exists. */
  create(queue: QueueDefinition, audit: AuditEntry<QueueDefinition>): Promise<void>;
  /** NotFound when there is no such queue, PreconditionFailed when it is past `expectedVersion`. */
  update(queue: QueueDefinition, expectedVersion: number, audit: AuditEntry<QueueDefinition>): Promise<void>;
}

/** An agent as routing weighs them: their account and their routing state, read together. */
export interface Candidate {
  id: string;
  email: string;
  name: string;
  role: string;
  locale: string;
  timeZone: string;
  active: boolean;
  skills: string[];
  capacity: number;
  /** Whether they take tickets now (PUT /me/availability); true until they say otherwise. */
  available: boolean;
  /** Open tickets assigned to them (never below 0). */
  openAssigned: number;
  /** `<when>#<ticket id>` of their last assignment: sorts in the order assignments happened. */
  lastAssignment: string | null;
}

/** The routing view of people: for a queue's members, one consistent read of every account and state. */
export interface Roster {
  candidates(userIds: readonly string[]): Promise<Candidate[]>;
  /** Only the routing states (at most 100 people: one BatchGetItem); absent people are left out. */
  states(userIds: readonly string[]): Promise<Map<string, Pick<Candidate, 'available' | 'openAssigned'>>>;
  setAvailable(userId: string, available: boolean): Promise<void>;
}
