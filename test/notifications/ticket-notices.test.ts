import { describe, expect, it } from 'vitest';
import { notificationKeys } from '#notifications/notices.js';
import { createNotifier } from '#notifications/notifier.js';
import type { Mailer, OutgoingMail } from '#notifications/ports.js';
import { mailHooks, noticesForChange } from '#notifications/ticket-notices.js';
import type { TicketChange } from '#tickets/ports.js';
import type { Message, Ticket } from '#tickets/schemas.js';
import { aRecipient, aTicket, PORTAL_URL } from './fixtures.js';
import { InMemoryNotificationLog } from './memory-notification-log.js';

const message = (overrides: Partial<Message> = {}): Message => ({
  id: 'MSG1',
  ticketId: '01JQ0000000000000000000042',
  author: { id: 'agent-1', name: 'Piotr Nowak', role: 'agent' },
  body: 'Please restart the printer.',
  internal: false,
  channel: 'web',
  createdAt: '2026-03-29T00:10:00.000Z',
  ...overrides,
});

const change = (ticket: Ticket, previous: Ticket | null, messages: Message[] = []): TicketChange => ({
  ticket,
  previous,
  events: [],
  messages,
});

describe('mails caused by ticket changes', () => {
  const created = aTicket({ assignee: null });
  const open = aTicket({ status: 'open', version: 2 });

  it('acknowledges a new ticket', () => {
    expect(noticesForChange(change(created, null))).toEqual([
      {
        key: notificationKeys.acknowledgement(created.id),
        ticket: created,
        notice: { kind: 'acknowledgement' },
      },
    ]);
  });

  it('forwards a public staff reply to the requester, but not a note or the client’s own message', () => {
    // Prepare
    const reply = message();
    const note = message({ id: 'MSG2', internal: true });
    const fromClient = message({ id: 'MSG3', author: { id: 'client-1', name: 'Anna', role: 'client' } });
    const next = { ...open, version: 3 };

    // Act
    const notices = noticesForChange(change(next, open, [reply, note, fromClient]));

    // Assess
    expect(notices).toEqual([
      {
        key: notificationKeys.agentReply(open.id, 'MSG1'),
        ticket: next,
        notice: { kind: 'agentReply', message: reply },
      },
    ]);
  });

  it('sends a proposed solution once, with its text and the auto-close time', () => {
    // Prepare
    const resolved = {
      ...open,
      status: 'resolved' as const,
      version: 3,
      updatedAt: '2026-03-29T01:00:00.000Z',
    };

    // Act
    const notices = noticesForChange(change(resolved, open, [message({ body: 'Replaced the toner.' })]), {
      autoCloseAt: (_ticket, resolvedAt) => new Date(Date.parse(resolvedAt) + 72 * 3600_000).toISOString(),
    });

    // Assess
    expect(notices).toEqual([
      {
        key: notificationKeys.resolutionProposed(open.id, 3),
        ticket: resolved,
        notice: {
          kind: 'resolutionProposed',
          solution: 'Replaced the toner.',
          autoCloseAt: '2026-04-01T01:00:00.000Z',
        },
      },
    ]);
  });

  it('sends nothing for a change the requester need not hear about', () => {
    expect(noticesForChange(change({ ...open, priority: 'urgent', version: 3 }, open))).toEqual([]);
  });

  it('does not fail a committed change when the mail cannot be sent, and reports it', async () => {
    // Prepare
    const refusing: Mailer = {
      send: async (_mail: OutgoingMail) => {
        throw new Error('SES is down');
      },
    };
    const notifier = createNotifier({
      log: new InMemoryNotificationLog(),
      mailer: refusing,
      audience: { recipientsOf: async () => [aRecipient()] },
      clock: { now: () => new Date('2026-03-29T00:00:00Z') },
      ids: { next: () => 'owner' },
      settings: { portalUrl: PORTAL_URL, threadDomain: 'helpdesk.example' },
    });
    const failures: [unknown, string][] = [];
    const hooks = mailHooks(notifier, (error, request) => failures.push([error, request.notice.kind]));

    // Act
    const outcome = hooks.committed(change(created, null), new Date('2026-03-29T00:00:00Z'));

    // Assess
    await expect(outcome).resolves.toBeUndefined();
    expect(failures).toEqual([[new Error('SES is down'), 'acknowledgement']]);
  });
});
