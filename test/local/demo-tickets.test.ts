import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTickets } from '#local/demo-tickets.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/** `npm start` opens a handful of demo tickets on its first start, through the product's own use cases. */
let rt: TestRuntime;
let lead: string;

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON
const allTickets = async (): Promise<any[]> => {
  const response = await call(`${rt.api}/tickets?limit=100`, { token: lead });
  expect(response.status).toBe(200);
  return response.body.items;
};

beforeAll(async () => {
  rt = await startTestRuntime({ demoTickets: true });
  lead = await rt.token('lead@helpdesk.example');
}, 120_000);
afterAll(() => rt?.stop());

describe('demo tickets', () => {
  it('opens 6 to 10 tickets in every status, queue and organisation, with the priorities spread', async () => {
    // Act
    const tickets = await allTickets();

    // Assess
    expect(tickets).toHaveLength(demoTickets.length);
    expect(tickets.length).toBeGreaterThanOrEqual(6);
    expect(tickets.length).toBeLessThanOrEqual(10);
    const statuses = new Set(tickets.map((ticket) => ticket.status));
    for (const status of ['new', 'open', 'pending', 'resolved', 'closed']) expect(statuses).toContain(status);
    expect(new Set(tickets.map((ticket) => ticket.queue))).toEqual(
      new Set(['general', 'billing', 'technical']),
    );
    expect(new Set(tickets.map((ticket) => ticket.orgId))).toEqual(new Set(['acme', 'globex']));
    expect(new Set(tickets.map((ticket) => ticket.priority)).size).toBeGreaterThanOrEqual(3);
    expect(tickets.every((ticket) => /^HD-\d{4}-\d{6}$/.test(ticket.reference))).toBe(true);
  });

  it('gives each ticket the SLA block, history and conversation the product wrote', async () => {
    // Prepare
    const tickets = await allTickets();
    const urgent = tickets.find((ticket) => ticket.priority === 'urgent');
    const closed = tickets.find((ticket) => ticket.status === 'closed');

    // Act
    const events = await call(`${rt.api}/tickets/${closed.id}/events`, { token: lead });
    const staffView = await call(`${rt.api}/tickets/${urgent.id}/messages`, { token: lead });
    const clientView = await call(`${rt.api}/tickets/${urgent.id}/messages`, {
      token: await rt.token('client@acme.example'),
    });

    // Assess
    expect(tickets.every((ticket) => ticket.sla.policyId !== null)).toBe(true);
    expect(urgent.sla.firstRespondedAt).not.toBeNull();
    expect(events.body.items.map((event: { type: string }) => event.type)).toEqual(
      expect.arrayContaining(['ticket.created', 'ticket.updated', 'ticket.resolved', 'ticket.accepted']),
    );
    expect(staffView.body.items.some((message: { internal: boolean }) => message.internal)).toBe(true);
    expect(clientView.body.items.length).toBeGreaterThan(0);
    expect(clientView.body.items.some((message: { internal: boolean }) => message.internal)).toBe(false);
  });

  it('opens them once: a restart on the same table adds none', async () => {
    // Prepare
    const before = await allTickets();
    await rt.stop();

    // Act
    rt = await startTestRuntime({ demoTickets: true });

    // Assess
    expect((await allTickets()).map((ticket) => ticket.id).sort()).toEqual(
      before.map((ticket) => ticket.id).sort(),
    );
  });
});
