import { beforeEach, describe, expect, it } from 'vitest';
import type { StoredUser, User, UserDirectory } from '#identity/user.js';
import { directoryAudience } from '#notifications/audience.js';
import { notificationKeys } from '#notifications/notices.js';
import { createNotifier, DEFAULT_LEASE_MS, type Notifier } from '#notifications/notifier.js';
import { type Mailer, NoticeInProgress, type OutgoingMail, type SentMail } from '#notifications/ports.js';
import { queueTeams } from '#notifications/queue-teams.js';
import type { QueueDefinition } from '#queues/queue.js';
import { cachedQueueNames } from '#queues/queue-names.js';
import { aTicket, noticesByKind, PORTAL_URL } from './fixtures.js';
import { InMemoryNotificationLog } from './memory-notification-log.js';

class Clock {
  constructor(private at = new Date('2026-03-28T23:45:00.000Z')) {}
  now = () => new Date(this.at);
  advance(ms: number) {
    this.at = new Date(this.at.getTime() + ms);
  }
}

class Ids {
  private n = 0;
  next = () => `owner-${++this.n}`;
}

/** Accepts mails like a provider would, or refuses the next ones when told to. */
class RecordingMailer implements Mailer {
  readonly delivered: OutgoingMail[] = [];
  private readonly failures = new Map<number, Error>();
  private calls = 0;
  private gate: Promise<void> | null = null;

  /** Refuses the n-th send from now (1 = the next one). */
  refuse(n: number, error: Error) {
    this.failures.set(this.calls + n, error);
  }

  /** Holds every send until the returned function is called. */
  hold(): () => void {
    let open = () => {};
    this.gate = new Promise((resolve) => {
      open = resolve;
    });
    return open;
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    if (this.gate) await this.gate;
    this.calls += 1;
    const failure = this.failures.get(this.calls);
    if (failure) throw failure;
    this.delivered.push(mail);
    return { providerMessageId: `ses-${this.delivered.length}` };
  }

  to(): string[] {
    return this.delivered.map((mail) => mail.to.map((a) => a.email).join(','));
  }
}

class Directory implements UserDirectory {
  constructor(private readonly users: StoredUser[]) {}
  async getById(id: string) {
    return this.users.find((u) => u.id === id) ?? null;
  }
  async findByEmail(email: string) {
    return this.users.find((u) => u.email === email) ?? null;
  }
  async listByRole(role: User['role'], limit: number) {
    return this.users.filter((u) => u.role === role && u.active !== false).slice(0, limit);
  }
  async put(user: StoredUser) {
    this.users.push(user);
  }
}

const user = (id: string, role: User['role'], locale: string, timeZone = 'Europe/Berlin'): StoredUser => ({
  id,
  email: `${id}@helpdesk.example`,
  name: id,
  role,
  orgId: role === 'client' ? 'acme' : null,
  locale,
  timeZone,
});

const people = [
  { ...user('client-1', 'client', 'de-DE'), email: 'client@acme.example', name: 'Anna Schmidt' },
  user('agent-1', 'agent', 'pl-PL', 'Europe/Warsaw'),
  user('agent-2', 'agent', 'et', 'Europe/Tallinn'),
  user('lead-1', 'lead', 'en-GB', 'Europe/London'),
  user('lead-2', 'lead', 'de-AT', 'Europe/Vienna'),
  user('admin-1', 'admin', 'et-EE', 'Europe/Tallinn'),
];

describe('notifier', () => {
  let clock: Clock;
  let log: InMemoryNotificationLog;
  let mailer: RecordingMailer;
  let notifier: Notifier;
  const ticket = aTicket();

  const build = (directory: UserDirectory = new Directory([...people])) =>
    createNotifier({
      log,
      mailer,
      audience: directoryAudience(directory),
      clock,
      ids: new Ids(),
      settings: { portalUrl: PORTAL_URL, threadDomain: 'helpdesk.example' },
    });

  beforeEach(() => {
    clock = new Clock();
    log = new InMemoryNotificationLog();
    mailer = new RecordingMailer();
    notifier = build();
  });

  it('sends a notice delivered twice only once', async () => {
    // Prepare
    const request = {
      key: notificationKeys.acknowledgement(ticket.id),
      ticket,
      notice: noticesByKind.acknowledgement,
    };

    // Act
    const first = await notifier.notify(request);
    const second = await notifier.notify(request);

    // Assess
    expect(first).toEqual({ status: 'sent', recipients: ['client@acme.example'] });
    expect(second).toEqual({ status: 'already-sent' });
    expect(mailer.to()).toEqual(['client@acme.example']);
    expect(await log.find(request.key)).toMatchObject({
      state: 'sent',
      deliveredTo: ['client@acme.example'],
    });
  });

  it('sends once when the same check arrives twice at the same time', async () => {
    // Prepare
    const request = { key: notificationKeys.autoClosed(ticket.id), ticket, notice: noticesByKind.autoClosed };
    const open = mailer.hold();

    // Act
    const first = notifier.notify(request);
    const second = notifier.notify(request);
    const secondOutcome = await second.catch((error: unknown) => error);
    open();
    const firstOutcome = await first;
    const retry = await notifier.notify(request);

    // Assess
    expect(firstOutcome).toEqual({ status: 'sent', recipients: ['client@acme.example'] });
    expect(secondOutcome).toBeInstanceOf(NoticeInProgress);
    expect(retry).toEqual({ status: 'already-sent' });
    expect(mailer.delivered).toHaveLength(1);
  });

  it('sends a notice whose first send failed when it is retried, and only once', async () => {
    // Prepare
    const request = {
      key: notificationKeys.reminder(ticket.id, 'timeToOpen', 0.5),
      ticket,
      notice: noticesByKind.reminder,
    };
    mailer.refuse(1, new Error('Throttling: Maximum sending rate exceeded'));

    // Act
    const failed = await notifier.notify(request).catch((error: unknown) => error);
    const record = await log.find(request.key);
    const retried = await notifier.notify(request);
    const again = await notifier.notify(request);

    // Assess
    expect(failed).toBeInstanceOf(Error);
    expect(record).toMatchObject({
      state: 'failed',
      lastError: 'Error: Throttling: Maximum sending rate exceeded',
    });
    expect(retried).toEqual({ status: 'sent', recipients: ['agent-1@helpdesk.example'] });
    expect(again).toEqual({ status: 'already-sent' });
    expect(mailer.to()).toEqual(['agent-1@helpdesk.example']);
  });

  it('after a failure half-way through the recipients, the retry sends only to those still missing', async () => {
    // Prepare: a breach of the total service time goes to both leads and the admin.
    const request = {
      key: notificationKeys.escalation(ticket.id, 'totalServiceTime', 'breach'),
      ticket,
      notice: noticesByKind.escalation,
    };
    mailer.refuse(2, new Error('Connection reset'));
    const [lead1, lead2, admin] = ['lead-1', 'lead-2', 'admin-1'].map((id) => `${id}@helpdesk.example`);

    // Act
    await expect(notifier.notify(request)).rejects.toThrow('Connection reset');
    const retried = await notifier.notify(request);

    // Assess
    expect(retried).toEqual({ status: 'sent', recipients: [lead2, admin] });
    expect(mailer.to()).toEqual([lead1, lead2, admin]);
  });

  it('waits for the lease of a crashed attempt to run out, then sends', async () => {
    // Prepare: an attempt claimed the notice and died before sending anything.
    const request = {
      key: notificationKeys.requeued(ticket.id, 3),
      ticket,
      notice: noticesByKind.requeued,
    };
    const now = clock.now();
    await log.claim(request.key, {
      kind: 'requeued',
      owner: 'crashed',
      now,
      leaseUntil: new Date(now.getTime() + DEFAULT_LEASE_MS),
    });

    // Act
    const during = await notifier.notify(request).catch((error: unknown) => error);
    clock.advance(DEFAULT_LEASE_MS);
    const after = await notifier.notify(request);

    // Assess
    expect(during).toBeInstanceOf(NoticeInProgress);
    expect(after).toEqual({
      status: 'sent',
      recipients: ['agent-1@helpdesk.example', 'agent-2@helpdesk.example'],
    });
    expect(mailer.delivered).toHaveLength(2);
  });

  it('writes to each recipient in their own language, threaded under the ticket', async () => {
    // Act
    await notifier.notify({
      key: notificationKeys.escalation(ticket.id, 'totalServiceTime', 'breach'),
      ticket,
      notice: noticesByKind.escalation,
    });

    // Assess
    expect(mailer.delivered.map((mail) => [mail.to[0]?.email, mail.language])).toEqual([
      ['lead-1@helpdesk.example', 'en'],
      ['lead-2@helpdesk.example', 'de'],
      ['admin-1@helpdesk.example', 'et'],
    ]);
    for (const mail of mailer.delivered) {
      expect(mail.subject.startsWith('[HD-2026-000042] ')).toBe(true);
      expect(mail.inReplyTo).toBe(`<ticket.${ticket.id}@helpdesk.example>`);
      expect(mail.references).toEqual([`<ticket.${ticket.id}@helpdesk.example>`]);
      expect(mail.autoGenerated).toBe(true);
      expect(mail.tags).toEqual({ notice: 'escalation', ticket: ticket.id });
    }
    expect(new Set(mailer.delivered.map((mail) => mail.messageId)).size).toBe(3);
  });

  it('escalates a risk to the leads only', async () => {
    // Act
    await notifier.notify({
      key: notificationKeys.escalation(ticket.id, 'timeToResolve', 'atRisk'),
      ticket,
      notice: { kind: 'escalation', clock: 'timeToResolve', level: 'atRisk', dueAt: '2026-03-29T09:30:00Z' },
    });

    // Assess
    expect(mailer.to()).toEqual(['lead-1@helpdesk.example', 'lead-2@helpdesk.example']);
  });

  it('reminds every agent of the queue while nobody is assigned', async () => {
    // Act
    await notifier.notify({
      key: notificationKeys.reminder(ticket.id, 'timeToOpen', 0.8),
      ticket: aTicket({ assignee: null }),
      notice: { kind: 'reminder', clock: 'timeToOpen', fraction: 0.8, dueAt: '2026-03-29T01:30:00.000Z' },
    });

    // Assess
    expect(mailer.to()).toEqual(['agent-1@helpdesk.example', 'agent-2@helpdesk.example']);
    expect(mailer.delivered[0]?.subject).toContain('80%');
  });

  it('reminds the queue instead of an assignee whose account was deactivated, and never them', async () => {
    // Prepare
    const directory = new Directory(
      people.map((person) => (person.id === 'agent-1' ? { ...person, active: false } : person)),
    );

    // Act
    await build(directory).notify({
      key: notificationKeys.reminder(ticket.id, 'timeToOpen', 0.8),
      ticket,
      notice: { kind: 'reminder', clock: 'timeToOpen', fraction: 0.8, dueAt: '2026-03-29T01:30:00.000Z' },
    });

    // Assess
    expect(mailer.to()).toEqual(['agent-2@helpdesk.example']);
  });

  it('sends an agent reply as a human message to the requester', async () => {
    // Act
    await notifier.notify({
      key: notificationKeys.agentReply(ticket.id, 'MSG01'),
      ticket,
      notice: noticesByKind.agentReply,
    });

    // Assess
    expect(mailer.delivered).toHaveLength(1);
    expect(mailer.delivered[0]).toMatchObject({
      to: [{ email: 'client@acme.example', name: 'Anna Schmidt' }],
      language: 'de',
      autoGenerated: false,
    });
    expect(mailer.delivered[0]?.subject).toBe(
      '[HD-2026-000042] Neue Antwort auf Ihre Anfrage: The printer on floor 2 does not print',
    );
  });

  it('tells a requester unknown to the directory in English', async () => {
    // Act
    await build(new Directory([])).notify({
      key: notificationKeys.acknowledgement(ticket.id),
      ticket,
      notice: noticesByKind.acknowledgement,
    });

    // Assess
    expect(mailer.delivered[0]).toMatchObject({ language: 'en', to: [{ email: 'client@acme.example' }] });
  });

  it('sends and records nothing when there is nobody to tell', async () => {
    // Prepare
    const key = notificationKeys.escalation(ticket.id, 'timeToOpen', 'breach');

    // Act
    const outcome = await build(new Directory([])).notify({
      key,
      ticket,
      notice: { kind: 'escalation', clock: 'timeToOpen', level: 'breach', dueAt: '2026-03-29T01:30:00Z' },
    });

    // Assess
    expect(outcome).toEqual({ status: 'no-recipients' });
    expect(mailer.delivered).toEqual([]);
    expect(await log.find(key)).toBeNull();
  });

  it('claims nothing for a notice that cannot be rendered', async () => {
    // Prepare
    const key = notificationKeys.agentReply(ticket.id, 'NOTE1');

    // Act
    const outcome = notifier.notify({
      key,
      ticket,
      notice: {
        kind: 'agentReply',
        message: {
          id: 'NOTE1',
          body: 'internal',
          internal: true,
          author: { id: 'a', name: 'A', role: 'agent' },
        },
      },
    });

    // Assess
    await expect(outcome).rejects.toThrow(/Internal notes are never mailed/);
    expect(await log.find(key)).toBeNull();
  });

  it('sends to the given recipients instead of the audience, once per address', async () => {
    // Act
    await notifier.notify({
      key: notificationKeys.resolutionProposed(ticket.id, 7),
      ticket,
      notice: noticesByKind.resolutionProposed,
      recipients: [
        { email: 'Someone@Example.com', name: 'Someone', locale: 'pl', timeZone: 'Europe/Warsaw' },
        { email: 'someone@example.com ', name: 'Someone', locale: 'pl', timeZone: 'Europe/Warsaw' },
      ],
    });

    // Assess
    expect(mailer.to()).toEqual(['Someone@Example.com']);
    expect(mailer.delivered[0]?.text).toContain(`${PORTAL_URL}/tickets/${ticket.id}?action=accept`);
  });

  it("names the ticket's queue by its name in staff notices, listing the queues once", async () => {
    // Prepare: the fixture ticket is in the queue `support`
    let listed = 0;
    const queues = {
      list: async () => {
        listed += 1;
        return [{ id: 'support', name: 'Customer Support', counts: {} }];
      },
    };
    const named = createNotifier({
      log,
      mailer,
      audience: directoryAudience(new Directory([...people])),
      clock,
      ids: new Ids(),
      settings: { portalUrl: PORTAL_URL, threadDomain: 'helpdesk.example' },
      queueNames: cachedQueueNames(queues, clock),
    });

    // Act
    await named.notify({
      key: notificationKeys.requeued(ticket.id, 1),
      ticket,
      notice: noticesByKind.requeued,
    });
    await named.notify({
      key: notificationKeys.requeued(ticket.id, 2),
      ticket,
      notice: noticesByKind.requeued,
    });

    // Assess: agent-1 reads Polish, agent-2 Estonian
    expect(mailer.delivered.map((mail) => mail.subject)).toEqual([
      `[${ticket.reference}] Z powrotem w kolejce Customer Support: ${ticket.subject}`,
      `[${ticket.reference}] Tagasi järjekorras Customer Support: ${ticket.subject}`,
      `[${ticket.reference}] Z powrotem w kolejce Customer Support: ${ticket.subject}`,
      `[${ticket.reference}] Tagasi järjekorras Customer Support: ${ticket.subject}`,
    ]);
    expect(mailer.delivered.every((mail) => !/\bsupport\b/.test(mail.text))).toBe(true);
    expect(listed).toBe(1);
  });

  it('sends the mail with the queue id when the queue list cannot be read', async () => {
    // Prepare
    const named = createNotifier({
      log,
      mailer,
      audience: directoryAudience(new Directory([...people])),
      clock,
      ids: new Ids(),
      settings: { portalUrl: PORTAL_URL, threadDomain: 'helpdesk.example' },
      queueNames: cachedQueueNames({ list: () => Promise.reject(new Error('throttled')) }, clock),
    });

    // Act
    const outcome = await named.notify({
      key: notificationKeys.requeued(ticket.id, 1),
      ticket,
      notice: noticesByKind.requeued,
    });

    // Assess
    expect(outcome.status).toBe('sent');
    expect(mailer.delivered[0]?.subject).toContain('w kolejce support:');
  });
});

describe('notifier with queue teams (docs/routing.md)', () => {
  const ticket = aTicket({ assignee: null });
  const support: QueueDefinition = {
    id: ticket.queue,
    name: 'Support',
    members: ['agent-2', 'lead-1'],
    escalationTo: ['lead-2', 'agent-gone'],
    autoAssign: 'off',
    requiredSkills: {},
    version: 1,
    updatedAt: null,
  };
  const gone = { ...user('agent-gone', 'agent', 'en'), active: false };
  const roster = {
    candidates: async (ids: readonly string[]) =>
      [...people.map((person) => ({ ...person, active: true })), gone]
        .filter((person) => ids.includes(person.id))
        .map((person) => ({
          ...person,
          skills: [],
          capacity: 10,
          available: true,
          openAssigned: 0,
          lastAssignment: null,
        })),
  };
  const notifierFor = (queues: QueueDefinition[], mailer: RecordingMailer) =>
    createNotifier({
      log: new InMemoryNotificationLog(),
      mailer,
      audience: directoryAudience(
        new Directory([...people]),
        queueTeams(
          {
            definition: async (id) => queues.find((queue) => queue.id === id) ?? null,
            all: async () => queues,
          },
          roster,
        ),
      ),
      clock: new Clock(),
      ids: new Ids(),
      settings: { portalUrl: PORTAL_URL, threadDomain: 'helpdesk.example' },
    });
  const notices = [
    {
      key: notificationKeys.reminder(ticket.id, 'timeToOpen', 0.8),
      notice: { kind: 'reminder', clock: 'timeToOpen', fraction: 0.8, dueAt: '2026-03-29T01:30:00.000Z' },
    },
    { key: notificationKeys.requeued(ticket.id, 1), notice: noticesByKind.requeued },
    {
      key: notificationKeys.escalation(ticket.id, 'totalServiceTime', 'breach'),
      notice: noticesByKind.escalation,
    },
    {
      key: { ticketId: ticket.id, clock: 'rule', level: 'to-queue' },
      notice: { kind: 'rule', template: 'rule.vip-welcome', to: 'queue' },
    },
  ] as const;

  it("reminds, re-queues and mails a rule's `to: queue` to the queue's members, escalates to its escalationTo (active staff only)", async () => {
    const mailer = new RecordingMailer();
    const notifier = notifierFor([support], mailer);
    const sentTo: string[][] = [];
    for (const { key, notice } of notices) {
      const before = mailer.delivered.length;
      await notifier.notify({ key, ticket, notice });
      sentTo.push(mailer.to().slice(before));
    }
    expect(sentTo).toEqual([
      ['agent-2@helpdesk.example', 'lead-1@helpdesk.example'],
      ['agent-2@helpdesk.example', 'lead-1@helpdesk.example'],
      ['lead-2@helpdesk.example'],
      ['agent-2@helpdesk.example', 'lead-1@helpdesk.example'],
    ]);
  });

  it('reaches all agents, and the leads and admins, for a queue that names nobody', async () => {
    const mailer = new RecordingMailer();
    const notifier = notifierFor([{ ...support, members: [], escalationTo: [] }], mailer);
    const sentTo: string[][] = [];
    for (const { key, notice } of notices) {
      const before = mailer.delivered.length;
      await notifier.notify({ key, ticket, notice });
      sentTo.push(mailer.to().slice(before));
    }
    expect(sentTo).toEqual([
      ['agent-1@helpdesk.example', 'agent-2@helpdesk.example'],
      ['agent-1@helpdesk.example', 'agent-2@helpdesk.example'],
      ['lead-1@helpdesk.example', 'lead-2@helpdesk.example', 'admin-1@helpdesk.example'],
      ['agent-1@helpdesk.example', 'agent-2@helpdesk.example'],
    ]);
  });
});
