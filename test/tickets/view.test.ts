import { describe, expect, it } from 'vitest';
import type { Caller } from '#identity/caller.js';
import type { Ticket, TicketEvent } from '#tickets/schemas.js';
import { emptySla } from '#tickets/sla-state.js';
import { eventView, pageView, ticketView } from '#tickets/view.js';

const client: Caller = {
  kind: 'user',
  id: 'user-client',
  email: 'client@acme.example',
  name: 'Carla Client',
  role: 'client',
  orgId: 'acme',
  locale: 'en',
  timeZone: 'UTC',
};
const agent: Caller = {
  ...client,
  id: 'user-agent',
  email: 'agent@helpdesk.example',
  role: 'agent',
  orgId: null,
};
const integrator: Caller = { kind: 'integrator', id: 'monitoring', scopes: ['tickets.read'] };

const agnes = { id: 'user-agent', email: 'agent@helpdesk.example', name: 'Agnes Agent' };

const stored = (): Ticket => ({
  id: '01JD0000000000000000000042',
  reference: 'HD-2026-000042',
  subject: 'Printer on fire',
  description: 'Smoke everywhere',
  status: 'open',
  priority: 'high',
  category: null,
  tags: ['printer'],
  queue: 'general',
  orgId: 'acme',
  requester: { id: 'user-client', email: 'client@acme.example', name: 'Carla Client' },
  assignee: agnes,
  channel: 'web',
  version: 3,
  createdAt: '2026-03-02T08:00:00.000Z',
  updatedAt: '2026-03-02T08:05:00.000Z',
  sla: {
    ...emptySla(),
    policyId: 'standard',
    firstResponseDueAt: '2026-03-02T09:00:00.000Z',
    resolutionDueAt: '2026-03-02T16:00:00.000Z',
    totalDueAt: '2026-03-03T08:00:00.000Z',
    firstRespondedAt: '2026-03-02T08:05:00.000Z',
    openedAt: '2026-03-02T08:05:00.000Z',
    resolutionRunningSince: '2026-03-02T08:00:00.000Z',
    notified: ['timeToOpen:reminder-50'],
    scheduleGeneration: 2,
    scheduleName: '01JD0000000000000000000042-2',
    nextCheckAt: '2026-03-02T12:00:00.000Z',
    nextCheckKind: 'reminder',
  },
});

const publicSla = {
  policyId: 'standard',
  firstResponseDueAt: '2026-03-02T09:00:00.000Z',
  resolutionDueAt: '2026-03-02T16:00:00.000Z',
  totalDueAt: '2026-03-03T08:00:00.000Z',
  firstRespondedAt: '2026-03-02T08:05:00.000Z',
  breaches: [],
  paused: false,
};

describe('the public view of a ticket', () => {
  it('keeps exactly the contract SLA block for every caller', () => {
    for (const caller of [client, agent, integrator]) {
      expect(ticketView(stored(), caller).sla).toStrictEqual(publicSla);
    }
  });

  it("hides the assignee's e-mail from a client but keeps who it is", () => {
    const view = ticketView(stored(), client);
    expect(view.assignee).toStrictEqual({ id: 'user-agent', name: 'Agnes Agent' });
    expect(view.requester).toStrictEqual(stored().requester);
  });

  it("shows staff and integrations the assignee's e-mail", () => {
    expect(ticketView(stored(), agent).assignee).toStrictEqual(agnes);
    expect(ticketView(stored(), integrator).assignee).toStrictEqual(agnes);
  });

  it('passes nothing else of the stored item through', () => {
    const withExtras = { ...stored(), pk: 'TICKET#42', entity: 'ticket' } as Ticket;
    const { sla: _, ...rest } = ticketView(withExtras, agent);
    const { sla: __, ...expected } = stored();
    expect(rest).toStrictEqual(expected);
  });

  it('hides staff e-mail in the assignee changes of the history from a client only', () => {
    const event: TicketEvent = {
      id: 'event-1',
      ticketId: stored().id,
      type: 'ticket.updated',
      actor: { id: 'user-agent', name: 'Agnes Agent', role: 'agent' },
      at: '2026-03-02T08:05:00.000Z',
      changes: [
        { field: 'assignee', from: null, to: agnes },
        { field: 'status', from: 'new', to: 'open' },
      ],
      internal: false,
    };
    expect(eventView(event, client).changes).toStrictEqual([
      { field: 'assignee', from: null, to: { id: 'user-agent', name: 'Agnes Agent' } },
      { field: 'status', from: 'new', to: 'open' },
    ]);
    expect(eventView(event, agent)).toStrictEqual(event);
  });

  it('maps every item of a page and keeps its cursor', () => {
    const page = pageView({ items: [stored()], nextCursor: 'next' }, (ticket) => ticketView(ticket, client));
    expect(page.nextCursor).toBe('next');
    expect(page.items[0]?.assignee).toStrictEqual({ id: 'user-agent', name: 'Agnes Agent' });
  });
});
