import type { Caller } from '#identity/caller.js';
import type { StoredUser, UserDirectory } from '#identity/user.js';
import { PreconditionFailed } from '#platform/errors.js';
import type { Clock, IdGenerator, Page } from '#platform/ports.js';
import { aroundTheClock } from '#sla/calendar.js';
import { SlaConfigCache } from '#sla/configuration.js';
import type { SlaEngineDeps } from '#sla/engine.js';
import type { SlaCheckPayload } from '#sla/payload.js';
import type { SlaPolicy } from '#sla/policy.js';
import type {
  Log,
  PolicyChange,
  Scheduler,
  SlaConfigStore,
  SlaConfiguration,
  SlaMailNotice,
} from '#sla/ports.js';
import type { StoredEvent, TicketChange, TicketStore } from '#tickets/ports.js';
import type { Ticket } from '#tickets/schemas.js';

/** In-memory adapters for use-case tests: the same contracts as the real ones, no AWS. */

export class FakeClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const sequentialIds = (): IdGenerator => {
  let n = 0;
  // 26 Crockford base-32 characters, like a ULID.
  return { next: () => `01J${String(++n).padStart(23, '0')}` };
};

const unused = (): never => {
  throw new Error('not used by these tests');
};

export class MemoryTicketStore implements TicketStore {
  readonly tickets = new Map<string, Ticket>();
  readonly events: StoredEvent[] = [];
  private counter = 0;
  /** Called before a commit is applied: lets a test slip a concurrent change in. */
  beforeCommit: ((change: TicketChange) => void) | null = null;

  async nextSequence(): Promise<number> {
    return ++this.counter;
  }
  async getTicket(id: string): Promise<Ticket | null> {
    const ticket = this.tickets.get(id);
    return ticket ? structuredClone(ticket) : null;
  }
  returnSequence(): void {}
  async queueExists(): Promise<boolean> {
    return true;
  }
  async commit(change: TicketChange): Promise<number> {
    const hook = this.beforeCommit;
    this.beforeCommit = null;
    hook?.(change);
    const stored = this.tickets.get(change.ticket.id);
    if (change.previous ? stored?.version !== change.previous.version : stored !== undefined)
      throw new PreconditionFailed('The ticket changed meanwhile');
    this.tickets.set(change.ticket.id, structuredClone(change.ticket));
    this.events.push(...change.events);
    return change.ticket.version;
  }
  eventsOf(ticketId: string): StoredEvent[] {
    return this.events.filter((event) => event.ticketId === ticketId);
  }
  listTickets = async (): Promise<Page<Ticket>> => unused();
  listMessages = async () => unused();
  listEvents = async () => unused();
  getMessage = async () => unused();
  getIdempotency = async () => null;
  getFeedback = async () => null;
}

export class MemoryUsers implements UserDirectory {
  constructor(private readonly users: StoredUser[]) {}
  async getById(id: string) {
    return this.users.find((user) => user.id === id) ?? null;
  }
  async findByEmail(email: string) {
    return this.users.find((user) => user.email === email) ?? null;
  }
  async listByRole(role: StoredUser['role']) {
    return this.users.filter((user) => user.role === role && user.active !== false);
  }
  async put(user: StoredUser) {
    this.users.push(user);
  }
}

export class RecordingScheduler implements Scheduler {
  readonly pending = new Map<string, SlaCheckPayload>();
  readonly log: string[] = [];
  async arm(name: string, payload: SlaCheckPayload) {
    this.log.push(`arm ${name}`);
    if (!this.pending.has(name)) this.pending.set(name, payload);
  }
  async cancel(name: string) {
    this.log.push(`cancel ${name}`);
    this.pending.delete(name);
  }
  /** Delivers the timer: like EventBridge (ActionAfterCompletion DELETE), a fired schedule is gone. */
  fired(name: string): SlaCheckPayload {
    const payload = this.pending.get(name);
    if (!payload) throw new Error(`no pending timer ${name}`);
    this.pending.delete(name);
    return payload;
  }
  only(): { name: string; payload: SlaCheckPayload } {
    const entries = [...this.pending.entries()];
    if (entries.length !== 1) throw new Error(`expected one pending timer, found ${entries.length}`);
    const [name, payload] = entries[0] ?? [];
    if (!name || !payload) throw new Error('no timer');
    return { name, payload };
  }
}

/** The SLA notices the checks recorded on the history events they committed: what the sla-notices consumer mails. */
export class RecordedNotices {
  constructor(private readonly store: MemoryTicketStore) {}
  get sent(): { ticketId: string; notice: SlaMailNotice }[] {
    return this.store.events.flatMap((event) =>
      event.notice === undefined ? [] : [{ ticketId: event.ticketId, notice: event.notice as SlaMailNotice }],
    );
  }
  levels(): string[] {
    return this.sent.map((s) => `${s.notice.notice.clock}:${s.notice.notice.level}`);
  }
}

export class MemoryConfigStore implements SlaConfigStore {
  constructor(public config: SlaConfiguration) {}
  async load() {
    return structuredClone(this.config);
  }
  async savePolicies(change: PolicyChange) {
    if (change.expectedVersion !== this.config.version) throw new PreconditionFailed('moved');
    this.config = { ...this.config, policies: change.policies, version: change.expectedVersion + 1 };
    return this.config.version;
  }
  async saveCalendar() {}
}

export const silentLog: Log = { info: () => {}, warn: () => {}, error: () => {} };

export const engineDeps = (input: { clock: FakeClock; policies: SlaPolicy[] }) => {
  const store = new MemoryTicketStore();
  const scheduler = new RecordingScheduler();
  const notices = new RecordedNotices(store);
  const config = new SlaConfigCache(
    new MemoryConfigStore({
      policies: input.policies,
      calendars: [aroundTheClock],
      version: 1,
      updatedAt: null,
    }),
    input.clock,
  );
  const ids = sequentialIds();
  const deps: SlaEngineDeps = { store, config, scheduler, clock: input.clock, ids, log: silentLog };
  return { deps, store, scheduler, notices };
};

export const people = {
  client: {
    kind: 'user',
    id: 'user-client',
    email: 'client@acme.example',
    name: 'Alice',
    role: 'client',
    orgId: 'acme',
    locale: 'en',
    timeZone: 'UTC',
  } satisfies Caller,
  agent: {
    kind: 'user',
    id: 'user-agent',
    email: 'agent@helpdesk.example',
    name: 'Agnes',
    role: 'agent',
    orgId: null,
    locale: 'en',
    timeZone: 'UTC',
  } satisfies Caller,
};

export const directory = () => new MemoryUsers([{ ...people.client }, { ...people.agent }]);
