import { describe, expect, it } from 'vitest';
import type { Caller } from '#identity/caller.js';
import type { Ticket } from '#tickets/schemas.js';
import { emptySla } from '#tickets/sla-state.js';
import { newMessage, stampFirstResponse } from '#tickets/use-cases/reply.js';

const agent: Caller = {
  kind: 'user',
  id: 'user-agent',
  email: 'agent@helpdesk.example',
  name: 'Agnes Agent',
  role: 'agent',
  orgId: null,
  locale: 'en',
  timeZone: 'UTC',
};
const client: Caller = { ...agent, id: 'user-client', role: 'client', orgId: 'acme' };
const integrator: Caller = { kind: 'integrator', id: 'monitoring', scopes: ['tickets.write'] };

const at = '2026-03-02T08:05:00.000Z';
const ticket = { id: 'ticket-1', sla: emptySla() } as Ticket;

describe('replies, whether a message or the text of an action', () => {
  it('records the channel the caller writes through: the API for integrations, the web for people', () => {
    const input = { id: 'message-1', ticketId: 'ticket-1', body: 'Done', internal: false, at };
    expect(newMessage(integrator, input)).toMatchObject({ channel: 'api', author: { role: 'integrator' } });
    expect(newMessage(agent, input)).toMatchObject({ channel: 'web', author: { id: 'user-agent' } });
  });

  it("stamps the help desk's first response once, and never for a client", () => {
    const first = stampFirstResponse(ticket, agent, at);
    expect(first.ticket.sla.firstRespondedAt).toBe(at);
    expect(first.changes).toEqual([{ field: 'sla.firstRespondedAt', from: null, to: at }]);
    expect(stampFirstResponse(first.ticket, agent, '2026-03-02T09:00:00.000Z').changes).toEqual([]);
    expect(stampFirstResponse(ticket, client, at)).toEqual({ ticket, changes: [] });
    expect(ticket.sla.firstRespondedAt).toBeNull();
  });
});
