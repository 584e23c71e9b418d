import { describe, expect, it } from 'vitest';
import { Invalid } from '#platform/errors.js';
import { runSlaCheck, slaHooks } from '#sla/engine.js';
import { parsePolicyDocument } from '#sla/policy.js';
import { addMessage } from '#tickets/use-cases/add-message.js';
import { createTicket } from '#tickets/use-cases/create-ticket.js';
import type { TicketDeps } from '#tickets/use-cases/deps.js';
import { patchTicket } from '#tickets/use-cases/update-ticket.js';
import { directory, engineDeps, FakeClock, people, sequentialIds } from './fakes.js';

const SECOND = 1000;
const T0 = new Date('2026-03-02T08:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * SECOND).toISOString();

/** Around the clock, no reminders: TTS 60 s, TTR 300 s, TST 3600 s. */
const policies = parsePolicyDocument({
  policies: [
    {
      id: 'plain',
      name: 'Plain',
      targets: { timeToOpen: 60, timeToResolve: 300, totalServiceTime: 3600 },
      reminders: [],
    },
  ],
}).policies;

const setup = () => {
  const clock = new FakeClock(T0);
  const engine = engineDeps({ clock, policies });
  const tickets: TicketDeps = {
    store: engine.store,
    users: directory(),
    organisations: {
      get: async (id) => ({ id, name: id, domains: [], clientMay: [], defaultQueue: null, version: 1 }),
    },
    clock,
    ids: sequentialIds(),
    hooks: slaHooks(engine.deps),
  };
  const open = async () => {
    const { ticket } = await createTicket(tickets, people.client, {
      subject: 'VPN',
      description: 'It drops',
    });
    return patchTicket(tickets, people.agent, ticket.id, { status: 'open' });
  };
  const stored = async (id: string) => {
    const ticket = await engine.store.getTicket(id);
    if (!ticket) throw new Error(`no ticket ${id}`);
    return ticket;
  };
  return { clock, tickets, open, stored, ...engine };
};

describe('answered: a public reply of the help desk awaits the client', () => {
  it('is set by a public staff reply, pauses TTR, and goes back to open when the client writes', async () => {
    const { open, tickets, clock, stored, store } = setup();
    const ticket = await open();
    expect(ticket.sla.resolutionDueAt).toBe(at(300));

    clock.set(new Date(at(100)));
    await addMessage(tickets, people.agent, ticket.id, { body: 'Which client version do you run?' });
    const answered = await stored(ticket.id);
    expect(answered.status).toBe('answered');
    expect(answered.sla).toMatchObject({ paused: true, resolutionDueAt: null, resolutionElapsedMs: 100_000 });

    clock.set(new Date(at(1000)));
    await addMessage(tickets, people.client, ticket.id, { body: 'Version 5.2' });
    const reopened = await stored(ticket.id);
    expect(reopened.status).toBe('open');
    // 100 s were used before the reply; the 900 s the client took do not count.
    expect(reopened.sla).toMatchObject({ paused: false, resolutionDueAt: at(1200) });
    const statusChanges = store
      .eventsOf(ticket.id)
      .filter((event) => event.type === 'message.added')
      .map((event) => event.changes.find((change) => change.field === 'status'));
    expect(statusChanges).toEqual([
      { field: 'status', from: 'open', to: 'answered' },
      { field: 'status', from: 'answered', to: 'open' },
    ]);
  });

  it('is not set by an internal note, and a new ticket answered stops the time to open', async () => {
    const { tickets, clock, stored } = setup();
    const { ticket } = await createTicket(tickets, people.client, {
      subject: 'VPN',
      description: 'It drops',
    });

    clock.set(new Date(at(10)));
    await addMessage(tickets, people.agent, ticket.id, { body: 'Looks like the proxy', internal: true });
    expect((await stored(ticket.id)).status).toBe('new');

    clock.set(new Date(at(20)));
    await addMessage(tickets, people.agent, ticket.id, { body: 'Please restart the client' });
    const answered = await stored(ticket.id);
    expect(answered.status).toBe('answered');
    expect(answered.sla).toMatchObject({ openedAt: at(20), firstRespondedAt: at(20), breaches: [] });
  });
});

describe('clocks per status', () => {
  it.each([
    ['open', false],
    ['answered', true],
    ['pending', true],
    ['on_hold', true],
    ['postponed', true],
  ] as const)('TTR in %s: paused = %s', async (status, paused) => {
    const { open, tickets, clock } = setup();
    const ticket = await open();

    clock.set(new Date(at(50)));
    const moved = await patchTicket(tickets, people.agent, ticket.id, {
      status,
      ...(status === 'postponed' ? { postponedUntil: at(10_000) } : {}),
    });

    expect(moved.sla.paused).toBe(paused);
    expect(moved.sla.resolutionDueAt).toBe(paused ? null : at(300));
    // TST never pauses.
    expect(moved.sla.totalDueAt).toBe(at(3600));
  });
});

describe('postponed: back to open at a date', () => {
  it('needs a date in the future, and takes one only with that status', async () => {
    const { open, tickets, clock, stored } = setup();
    const ticket = await open();
    clock.set(new Date(at(50)));

    const refused = async (patch: Parameters<typeof patchTicket>[3]) => {
      const error = await patchTicket(tickets, people.agent, ticket.id, patch).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Invalid);
      expect((error as Invalid).errors?.map((e) => e.path)).toEqual(['postponedUntil']);
    };
    await refused({ status: 'postponed' });
    await refused({ status: 'postponed', postponedUntil: at(40) });
    await refused({ status: 'pending', postponedUntil: at(400) });
    await refused({ postponedUntil: at(400) });

    const unchanged = await stored(ticket.id);
    expect(unchanged).toMatchObject({ status: 'open', version: ticket.version });
    expect(unchanged.postponedUntil).toBeUndefined();
  });

  it('arms a wake-up at the date and reopens the ticket when it fires, once however often delivered', async () => {
    const { open, tickets, clock, stored, store, scheduler, deps } = setup();
    const ticket = await open();

    clock.set(new Date(at(50)));
    const postponed = await patchTicket(tickets, people.agent, ticket.id, {
      status: 'postponed',
      postponedUntil: at(2000),
    });
    expect(postponed).toMatchObject({ status: 'postponed', postponedUntil: at(2000) });
    const { name, payload } = scheduler.only();
    expect(payload).toMatchObject({ kind: 'wake-up', dueAt: at(2000) });

    clock.set(new Date(at(2000)));
    scheduler.fired(name);
    expect(await runSlaCheck(deps, payload)).toBe('settled');
    const woken = await stored(ticket.id);
    expect(woken.status).toBe('open');
    expect(woken.postponedUntil).toBeUndefined();
    // 50 s used before the postponement: 250 s left from the wake-up.
    expect(woken.sla).toMatchObject({ paused: false, resolutionDueAt: at(2250) });
    const wakeUp = store.eventsOf(ticket.id).at(-1);
    expect(wakeUp).toMatchObject({
      type: 'ticket.updated',
      actor: { id: 'system', name: 'Postponement' },
      changes: [
        { field: 'status', from: 'postponed', to: 'open' },
        { field: 'postponedUntil', from: at(2000), to: null },
      ],
    });

    // At-least-once delivery: the same timer again changes nothing.
    const eventsBefore = store.eventsOf(ticket.id).length;
    expect(await runSlaCheck(deps, payload)).not.toBe('settled');
    expect((await stored(ticket.id)).version).toBe(woken.version);
    expect(store.eventsOf(ticket.id)).toHaveLength(eventsBefore);
  });

  it('follows a new date, and a timer of the old date finds nothing to do', async () => {
    const { open, tickets, clock, stored, scheduler, deps } = setup();
    const ticket = await open();
    clock.set(new Date(at(50)));
    await patchTicket(tickets, people.agent, ticket.id, { status: 'postponed', postponedUntil: at(1000) });
    const first = scheduler.only().payload;

    clock.set(new Date(at(60)));
    const moved = await patchTicket(tickets, people.agent, ticket.id, { postponedUntil: at(2500) });
    expect(moved.postponedUntil).toBe(at(2500));
    expect(scheduler.only().payload).toMatchObject({ kind: 'wake-up', dueAt: at(2500) });

    clock.set(new Date(at(1000)));
    await runSlaCheck(deps, first);
    expect((await stored(ticket.id)).status).toBe('postponed');
  });

  it('drops the date when the ticket leaves postponed early', async () => {
    const { open, tickets, clock, scheduler } = setup();
    const ticket = await open();
    clock.set(new Date(at(50)));
    await patchTicket(tickets, people.agent, ticket.id, { status: 'postponed', postponedUntil: at(1000) });

    clock.set(new Date(at(60)));
    const back = await patchTicket(tickets, people.agent, ticket.id, { status: 'open' });

    expect(back.status).toBe('open');
    expect(back.postponedUntil).toBeUndefined();
    expect(scheduler.only().payload.kind).not.toBe('wake-up');
  });
});
