import type { Caller } from './caller.js';

/** Who changed administered configuration (a queue, an account, an organisation), when, before → after. */
export interface AuditEntry<T> {
  actor: { id: string; name: string; role: string };
  at: string;
  /** Null when the change created it. */
  before: T | null;
  after: T;
}

export const auditActor = (caller: Caller): AuditEntry<unknown>['actor'] =>
  caller.kind === 'user'
    ? { id: caller.id, name: caller.name, role: caller.role }
    : { id: caller.id, name: `Integration ${caller.id}`, role: 'integrator' };
