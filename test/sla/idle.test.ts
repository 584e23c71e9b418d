import { describe, expect, it } from 'vitest';
import { streamRuleTriggerOf } from '#automation/use-cases/run-stream-rules.js';
import { eventEntity } from '#platform/table/ticket.js';
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

/** No SLA targets, only the idle rule event after 100 s without a public message. */
const policies = parsePolicyDocument({
  policies: [
    {
      id: 'quiet',
      name: 'Quiet',
      targets: { timeToOpen: null, timeToResolve: null, totalServiceTime: null },
      reminders: [],
      atRisk: null,
      idleAfter: 100,
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
  const fire = async () => {
    const { name, payload } = engine.scheduler.only();
    engine.scheduler.fired(name);
    clock.set(new Date(payload.dueAt));
    return { payload, outcome: await runSlaCheck(engine.deps, payload) };
  };
  const idleEvents = (id: string) =>
    engine.store.eventsOf(id).filter((event) => event.type === 'ticket.idle');
  return { clock, tickets, fire, idleEvents, ...engine };
};

describe('ticket.idle', () => {
  it('is recorded once when no public message came for the policy’s idleAfter, and again after a new quiet spell', async () => {
    const { tickets, clock, fire, idleEvents, scheduler, deps } = setup();
    const { ticket } = await createTicket(tickets, people.client, {
      subject: 'VPN',
      description: 'It drops',
    });
    expect(scheduler.only().payload).toMatchObject({ kind: 'idle', dueAt: at(100) });

    const first = await fire();
    expect(first.outcome).toBe('settled');
    expect(idleEvents(ticket.id)).toEqual([
      expect.objectContaining({ internal: true, actor: expect.objectContaining({ name: 'Idle timer' }) }),
    ]);
    // At-least-once: the same timer again records nothing more, and no idle check stays armed.
    await runSlaCheck(deps, first.payload);
    expect(idleEvents(ticket.id)).toHaveLength(1);
    expect(scheduler.pending.size).toBe(0);

    clock.set(new Date(at(150)));
    await addMessage(tickets, people.agent, ticket.id, { body: 'Which client version?' });
    expect(scheduler.only().payload).toMatchObject({ kind: 'idle', dueAt: at(250) });
    await fire();
    expect(idleEvents(ticket.id)).toHaveLength(2);
  });

  it('is not raised by an internal note’s silence being broken, nor while postponed', async () => {
    const { tickets, clock, scheduler } = setup();
    const { ticket } = await createTicket(tickets, people.client, {
      subject: 'VPN',
      description: 'It drops',
    });
    clock.set(new Date(at(50)));
    await addMessage(tickets, people.agent, ticket.id, { body: 'Checking the proxy', internal: true });
    expect(scheduler.only().payload).toMatchObject({ kind: 'idle', dueAt: at(100) });

    await patchTicket(tickets, people.agent, ticket.id, { status: 'postponed', postponedUntil: at(500) });
    expect(scheduler.only().payload).toMatchObject({ kind: 'wake-up', dueAt: at(500) });
  });

  it('reaches the automation rules of `ticket.idle` from the change stream', () => {
    const trigger = streamRuleTriggerOf({
      eventName: 'INSERT',
      sequence: '1',
      oldImage: null,
      newImage: {
        entity: eventEntity.name,
        id: '01J0000000000000000000IDLE',
        ticketId: '01J0000000000000000000TCKT',
        type: 'ticket.idle',
        actor: { id: 'system', name: 'Idle timer', role: 'system' },
        at: at(100),
        changes: [],
        internal: true,
      },
    });
    expect(trigger).toEqual({
      ticketId: '01J0000000000000000000TCKT',
      sourceId: '01J0000000000000000000IDLE',
      event: 'ticket.idle',
    });
  });

  it('reaches the rules of `sla.at-risk` from an at-risk escalation and `sla.breached` from a breach, nothing else', () => {
    const change = (id: string, type: string, notice?: object) =>
      streamRuleTriggerOf({
        eventName: 'INSERT',
        sequence: '1',
        oldImage: null,
        newImage: {
          entity: eventEntity.name,
          id,
          ticketId: '01J0000000000000000000TCKT',
          type,
          actor: { id: 'system', name: 'SLA', role: 'system' },
          at: at(100),
          changes: [],
          internal: true,
          ...(notice ? { notice } : {}),
        },
      });
    const escalation = (level: string) => ({
      notice: {
        kind: 'escalation',
        clock: 'timeToResolve',
        level,
        audience: 'leads',
        dueAt: at(100),
        deadline: at(200),
      },
      previousAssignee: null,
      at: at(100),
    });
    const ticketId = '01J0000000000000000000TCKT';
    expect(change('01J000000000000000000RISK', 'sla.escalation', escalation('at-risk'))).toEqual({
      ticketId,
      sourceId: '01J000000000000000000RISK',
      event: 'sla.at-risk',
    });
    expect(change('01J00000000000000000BREACH', 'sla.breached')).toEqual({
      ticketId,
      sourceId: '01J00000000000000000BREACH',
      event: 'sla.breached',
    });
    // The escalation of a breach is not a second rule event (the breach is), nor is a reminder.
    expect(change('01J0000000000000000ESCBRC', 'sla.escalation', escalation('breach'))).toBeNull();
    expect(change('01J0000000000000000REMIND', 'sla.reminder', escalation('0.8'))).toBeNull();
  });
});
