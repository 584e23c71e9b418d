import { describe, expect, it } from 'vitest';
import { notificationKeys } from '#notifications/notices.js';
import { domainOfAddress, threadHeaders, threadRoot } from '#notifications/threading.js';

const ticketId = '01JQ0000000000000000000042';

describe('mail threading', () => {
  it('files every mail of a ticket under one thread root', () => {
    // Act
    const acknowledgement = threadHeaders(
      notificationKeys.acknowledgement(ticketId),
      'a@x.example',
      'hd.example',
    );
    const reminder = threadHeaders(
      notificationKeys.reminder(ticketId, 'timeToOpen', 0.5),
      'b@x.example',
      'hd.example',
    );

    // Assess
    const root = `<ticket.${ticketId}@hd.example>`;
    expect(threadRoot(ticketId, 'hd.example')).toBe(root);
    for (const headers of [acknowledgement, reminder]) {
      expect(headers.inReplyTo).toBe(root);
      expect(headers.references).toEqual([root]);
    }
    expect(acknowledgement.messageId).not.toBe(reminder.messageId);
  });

  it('gives a resent notice the same Message-ID and each recipient their own', () => {
    // Prepare
    const key = notificationKeys.escalation(ticketId, 'totalServiceTime', 'breach');

    // Act
    const first = threadHeaders(key, 'lead@hd.example', 'hd.example');
    const again = threadHeaders(key, 'LEAD@hd.example ', 'hd.example');
    const admin = threadHeaders(key, 'admin@hd.example', 'hd.example');

    // Assess
    expect(again.messageId).toBe(first.messageId);
    expect(admin.messageId).not.toBe(first.messageId);
    expect(first.messageId).toMatch(
      new RegExp(`^<ticket\\.${ticketId}\\.totalServiceTime\\.breach\\.[0-9a-f]{12}@hd\\.example>$`),
    );
  });

  it('keeps Message-IDs well-formed whatever the key holds', () => {
    // Act
    const headers = threadHeaders(
      { ticketId, clock: 'pickup', level: 'requeue 3/<x>' },
      'a@x.example',
      'hd.example',
    );

    // Assess
    expect(headers.messageId).toMatch(/^<[A-Za-z0-9._-]+@hd\.example>$/);
  });

  it.each([
    ['support@helpdesk.example', 'helpdesk.example'],
    ['Help desk <support@Helpdesk.Example>', 'helpdesk.example'],
    ['"Help, desk" <support@mail.helpdesk.example> ', 'mail.helpdesk.example'],
  ])('takes the domain of %s', (address, domain) => {
    expect(domainOfAddress(address)).toBe(domain);
  });

  it('refuses a sender without a domain', () => {
    expect(() => domainOfAddress('support')).toThrow(/Cannot take a domain/);
  });
});
