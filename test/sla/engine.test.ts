import { describe, expect, it } from 'vitest';
import { runSlaCheck, slaHooks } from '#sla/engine.js';
import { parsePolicyDocument } from '#sla/policy.js';
import { TicketEvent } from '#tickets/record-schemas.js';
import { addMessage } from '#tickets/use-cases/add-message.js';
import { createTicket } from '#tickets/use-cases/create-ticket.js';
import type { TicketDeps } from '#tickets/use-cases/deps.js';
import { acceptTicket, resolveTicket } from '#tickets/use-cases/resolution.js';
import { patchTicket } from '#tickets/use-cases/update-ticket.js';
import { directory, engineDeps, FakeClock, people, sequentialIds } from './fakes.js';

const SECOND = 1000;
const T0 = new Date('2026-03-02T08:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * SECOND).toISOString();

/** Seconds-scale, like the demo: TTS 60 s, TTR 300 s, TST 600 s, reminder at 50 %, pickup 30 s, auto-close 120 s. */
const fast = parsePolicyDocument({
  policies: [
    {
      id: 'fast',
      name: 'Fast',
      targets: { timeToOpen: 60, timeToResolve: 300, totalServiceTime: 600 },
      reminders: [0.5],
      atRisk: 0.8,
      pickupTimeout: 30,
      autoCloseAfter: 120,
    },
  ],
}).policies;

const setup = () => {
  const clock = new FakeClock(T0);
  const engine = engineDeps({ clock, policies: fast });
  const tickets: TicketDeps = {
    store: engine.store,
    users: directory(),
    organisations: {
      get: async (id) => ({
        id,
        name: id,
        domains: [],
        clientMay: ['category', 'priority'],
        defaultQueue: null,
        version: 1,
      }),
    },
    clock,
    ids: sequentialIds(),
    hooks: slaHooks(engine.deps),
  };
  const open = async () =>
    (await createTicket(tickets, people.client, { subject: 'Printer', description: 'It is on fire' })).ticket;
  /** Lets the clock run to the armed timer and delivers it, as the scheduler would. */
  const fire = async (lateBy = 0) => {
    const payload = engine.scheduler.fired(engine.scheduler.only().name);
    clock.set(new Date(new Date(payload.dueAt).getTime() + lateBy));
    return { payload, outcome: await runSlaCheck(engine.deps, payload) };
  };
  return { clock, tickets, open, fire, ...engine };
};

describe('the ticket timer', () => {
  it('arms one timer, aimed at the first reminder, when a ticket is created', async () => {
    const { open, scheduler } = setup();

    const ticket = await open();

    expect(scheduler.only()).toEqual({
      name: `${ticket.id}-1`,
      payload: { ticketId: ticket.id, kind: 'reminder', generation: 1, dueAt: at(30) },
    });
    expect(ticket.sla).toMatchObject({
      policyId: 'fast',
      firstResponseDueAt: at(60),
      resolutionDueAt: at(300),
      totalDueAt: at(600),
      nextCheckAt: at(30),
      scheduleName: `${ticket.id}-1`,
    });
  });

  it('replaces the timer when the deadlines move and deletes it when the ticket closes', async () => {
    const { open, tickets, clock, scheduler } = setup();
    const ticket = await open();

    clock.set(new Date(at(10)));
    await patchTicket(tickets, people.agent, ticket.id, { status: 'open' });
    expect(scheduler.only()).toMatchObject({ name: `${ticket.id}-2`, payload: { dueAt: at(150) } });

    clock.set(new Date(at(20)));
    await resolveTicket(tickets, people.agent, ticket.id, { message: 'Water helps' });
    expect(scheduler.only()).toMatchObject({ payload: { kind: 'auto-close', dueAt: at(140) } });

    clock.set(new Date(at(25)));
    await acceptTicket(tickets, people.client, ticket.id);
    expect(scheduler.pending.size).toBe(0);
    expect(scheduler.log).toEqual([
      `arm ${ticket.id}-1`,
      `arm ${ticket.id}-2`,
      `cancel ${ticket.id}-1`,
      `arm ${ticket.id}-3`,
      `cancel ${ticket.id}-2`,
      `cancel ${ticket.id}-3`,
    ]);
  });

  it('keeps the timer when a change does not move the next check', async () => {
    const { open, tickets, clock, scheduler } = setup();
    const ticket = await open();

    clock.set(new Date(at(5)));
    await patchTicket(tickets, people.agent, ticket.id, { tags: ['printer'] });

    expect(scheduler.only().name).toBe(`${ticket.id}-1`);
  });

  it('records a late first response as a breach in the history', async () => {
    const { open, tickets, clock, store } = setup();
    const ticket = await open();

    clock.set(new Date(at(75)));
    await addMessage(tickets, people.agent, ticket.id, { body: 'Looking into it' });

    const breach = store.eventsOf(ticket.id).find((event) => event.type === 'sla.breached');
    expect(breach).toMatchObject({
      changes: [{ field: 'sla.breaches.timeToOpen', from: null, to: at(60) }],
      internal: true,
      actor: { id: 'system', role: 'system' },
    });
  });
});

describe('SLA checks', () => {
  it('records a due reminder to the queue in the history, for its mail, and arms the next check', async () => {
    const { open, fire, notices, store, scheduler } = setup();
    const ticket = await open();

    const { outcome } = await fire();

    expect(outcome).toBe('settled');
    expect(notices.sent).toEqual([
      {
        ticketId: ticket.id,
        notice: {
          notice: {
            kind: 'reminder',
            clock: 'timeToOpen',
            level: 'reminder-50',
            audience: 'queue',
            dueAt: at(30),
            deadline: at(60),
            fraction: 0.5,
          },
          previousAssignee: null,
          at: at(30),
        },
      },
    ]);
    expect(store.eventsOf(ticket.id).map((event) => event.type)).toEqual(['ticket.created', 'sla.reminder']);
    expect(scheduler.only()).toMatchObject({
      name: `${ticket.id}-2`,
      payload: { kind: 'escalation', generation: 2, dueAt: at(60) },
    });
  });

  it('gives exactly one notice when the same check is delivered twice', async () => {
    const { open, fire, notices, deps, scheduler } = setup();
    const ticket = await open();
    const { payload } = await fire();

    const again = await runSlaCheck(deps, payload);

    expect(again).toBe('stale');
    expect(notices.levels()).toEqual(['timeToOpen:reminder-50']);
    expect(scheduler.only().name).toBe(`${ticket.id}-2`);
  });

  it('re-arms without a notice when a check arrives early', async () => {
    const { open, notices, deps, scheduler, clock } = setup();
    const ticket = await open();
    const payload = scheduler.fired(scheduler.only().name);

    clock.set(new Date(at(20)));
    const outcome = await runSlaCheck(deps, payload);

    expect(outcome).toBe('early');
    expect(notices.sent).toEqual([]);
    expect(scheduler.only()).toEqual({
      name: `${ticket.id}-2`,
      payload: { ticketId: ticket.id, kind: 'reminder', generation: 2, dueAt: at(30) },
    });
  });

  it('still acts when a check arrives late: escalates the breach once, without the stale reminder', async () => {
    const { open, fire, notices, store } = setup();
    const ticket = await open();

    await fire(45 * SECOND);

    expect(notices.levels()).toEqual(['timeToOpen:breach']);
    expect(notices.sent[0]?.notice.notice).toMatchObject({ audience: 'leads', dueAt: at(60) });
    expect(store.eventsOf(ticket.id).map((event) => event.type)).toEqual([
      'ticket.created',
      'sla.escalation',
      'sla.breached',
    ]);
    expect((await store.getTicket(ticket.id))?.sla.breaches).toEqual([{ clock: 'timeToOpen', at: at(60) }]);
  });

  it('re-queues an assigned ticket nobody picked up, and tells the queue', async () => {
    const { open, fire, notices, store, tickets, clock } = setup();
    const ticket = await open();
    clock.set(new Date(at(5)));
    await patchTicket(tickets, people.agent, ticket.id, { assignee: 'user-agent' });

    await fire(); // reminder at 30 s, to the assignee now
    await fire(); // pickup timeout at 35 s

    const stored = await store.getTicket(ticket.id);
    expect(stored?.assignee).toBeNull();
    expect(notices.sent.map((s) => [s.notice.notice.kind, s.notice.notice.audience])).toEqual([
      ['reminder', 'assignee'],
      ['requeue', 'queue'],
    ]);
    expect(notices.sent[1]?.notice.previousAssignee).toMatchObject({ id: 'user-agent' });
    expect(store.eventsOf(ticket.id).at(-1)).toMatchObject({
      type: 'sla.requeued',
      changes: [{ field: 'assignee', from: { id: 'user-agent' }, to: null }],
    });
  });

  it('closes a resolved ticket the client left silent, tells the client, and leaves no timer', async () => {
    const { open, fire, notices, store, tickets, clock, scheduler } = setup();
    const ticket = await open();
    clock.set(new Date(at(10)));
    await resolveTicket(tickets, people.agent, ticket.id, { message: 'Try turning it off and on again' });

    const { outcome } = await fire();

    expect(outcome).toBe('settled');
    const stored = await store.getTicket(ticket.id);
    expect(stored?.status).toBe('closed');
    expect(notices.sent.map((s) => s.notice.notice.kind)).toEqual(['auto-close']);
    expect(notices.sent[0]?.notice.notice.audience).toBe('requester');
    expect(store.eventsOf(ticket.id).at(-1)).toMatchObject({
      type: 'sla.auto-closed',
      internal: false,
      changes: [{ field: 'status', from: 'resolved', to: 'closed' }],
    });
    expect(scheduler.pending.size).toBe(0);
  });

  it('starts over on fresh state when the ticket changes while a check runs', async () => {
    const { open, fire, notices, store } = setup();
    const ticket = await open();
    store.beforeCommit = () => {
      // An agent adds a tag in the same instant: the check's write loses the race.
      const current = store.tickets.get(ticket.id);
      if (current) store.tickets.set(ticket.id, { ...current, tags: ['x'], version: current.version + 1 });
    };

    const { outcome } = await fire();

    expect(outcome).toBe('settled');
    expect(notices.levels()).toEqual(['timeToOpen:reminder-50']);
    expect((await store.getTicket(ticket.id))?.sla.notified).toEqual(['timeToOpen:reminder-50']);
  });

  it('records no notice when its write fails, so the redelivered check records it once', async () => {
    const { open, notices, store, deps, scheduler, clock } = setup();
    const ticket = await open();
    const { payload } = scheduler.only();
    clock.set(new Date(payload.dueAt));
    store.beforeCommit = () => {
      throw new Error('DynamoDB is down');
    };

    await expect(runSlaCheck(deps, payload)).rejects.toThrow('DynamoDB is down');
    expect((await store.getTicket(ticket.id))?.version).toBe(1);
    expect(notices.sent).toEqual([]);

    expect(await runSlaCheck(deps, payload)).toBe('settled');
    expect(notices.levels()).toEqual(['timeToOpen:reminder-50']);
  });

  it('records each notice on its own history event, which the API shows without it', async () => {
    const { open, fire, store } = setup();
    const ticket = await open();

    await fire();

    const reminder = store.eventsOf(ticket.id).find((event) => event.type === 'sla.reminder');
    expect(reminder?.notice).toMatchObject({ notice: { clock: 'timeToOpen', level: 'reminder-50' } });
    expect(Object.keys(TicketEvent.parse(reminder))).not.toContain('notice');
  });

  it('brings back the ticket timer when a stale check finds it missing', async () => {
    const { open, fire, deps, scheduler } = setup();
    const ticket = await open();
    const { payload } = await fire();
    scheduler.pending.clear(); // e.g. the arm after the commit never happened

    expect(await runSlaCheck(deps, payload)).toBe('stale');
    expect(scheduler.only().name).toBe(`${ticket.id}-2`);
  });

  it('takes over when the ticket timer is long overdue', async () => {
    const { open, notices, deps, scheduler, clock } = setup();
    await open();
    const { payload } = scheduler.only();
    scheduler.pending.clear();
    clock.set(new Date(at(30 + 10 * 60)));

    expect(await runSlaCheck(deps, { ...payload, generation: 0 })).toBe('settled');
    expect(notices.levels()).toEqual([
      'timeToOpen:breach',
      'timeToResolve:breach',
      'totalServiceTime:breach',
    ]);
  });

  it('does nothing for a ticket that does not exist', async () => {
    const { deps } = setup();

    expect(
      await runSlaCheck(deps, { ticketId: '01JNOPE', kind: 'reminder', generation: 1, dueAt: at(1) }),
    ).toBe('no-ticket');
  });
});
