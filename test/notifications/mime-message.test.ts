import { type AddressObject, simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeMimeMessage, type MimeMessage } from '#notifications/adapters/mime-message.js';

const aMessage = (overrides: Partial<MimeMessage> = {}): MimeMessage => ({
  from: 'Help desk <support@helpdesk.example>',
  to: [{ email: 'client@acme.example', name: 'Anna Schmidt' }],
  replyTo: 'replies@helpdesk.example',
  subject: '[HD-2026-000042] We have received your request: Printer',
  text: 'Hello Anna Schmidt,\n\nThank you.',
  html: '<p>Hello Anna Schmidt,</p>',
  messageId: '<ticket.01JQ.acknowledgement.created.1a2b3c4d5e6f@helpdesk.example>',
  inReplyTo: '<ticket.01JQ@helpdesk.example>',
  references: ['<ticket.01JQ@helpdesk.example>'],
  headers: { 'Content-Language': 'en', 'Auto-Submitted': 'auto-generated' },
  date: new Date('2026-12-02T09:30:00Z'),
  ...overrides,
});

const addressesOf = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((object) =>
    object.value.map(({ name, address }) => ({ name, address })),
  );

describe('MIME message of a notice', () => {
  it('reads back, in a mail client’s parser, as the notice that was written: Polish, German and Estonian letters included', async () => {
    // Prepare
    const text = [
      'Dzień dobry Łukasz Żółć,',
      '',
      `Ihre Anfrage „Drucker“ ist eingegangen; wir melden uns. ${'Väga pikk rida õüäö = tähtis. '.repeat(8)}`,
      'trailing spaces   ',
      '.a line that starts with a dot',
    ].join('\n');
    const html = `<p style="color: #333">Dzień dobry,</p><p>${'Ülevaade = ok. '.repeat(20)}</p>`;
    const message = aMessage({
      to: [
        { email: 'lukasz@acme.example', name: 'Łukasz Żółć' },
        { email: 'anna@acme.example', name: 'Schmidt, Anna' },
        { email: 'bare@acme.example' },
      ],
      from: 'Obsługa klienta <support@helpdesk.example>',
      subject: '[HD-2026-000042] Otrzymaliśmy Twoje zgłoszenie: Drukarka w biurze na piętrze — pilne',
      text,
      html,
      references: Array.from({ length: 6 }, (_, index) => `<ticket.01JQ.${index}.notice@helpdesk.example>`),
      headers: {
        'Content-Language': 'pl',
        'Auto-Submitted': 'auto-generated',
        'X-Auto-Response-Suppress': 'All',
      },
    });

    // Act
    const raw = composeMimeMessage(message);
    const parsed = await simpleParser(raw);

    // Assess
    expect(parsed.subject).toBe(message.subject);
    expect(addressesOf(parsed.from)).toEqual([
      { name: 'Obsługa klienta', address: 'support@helpdesk.example' },
    ]);
    expect(addressesOf(parsed.to)).toEqual([
      { name: 'Łukasz Żółć', address: 'lukasz@acme.example' },
      { name: 'Schmidt, Anna', address: 'anna@acme.example' },
      { name: '', address: 'bare@acme.example' },
    ]);
    expect(addressesOf(parsed.replyTo)).toEqual([{ name: '', address: 'replies@helpdesk.example' }]);
    expect(parsed.text?.replace(/\r\n/g, '\n').trimEnd()).toBe(text.trimEnd());
    expect(parsed.html).toBe(html);
    expect(parsed.messageId).toBe(message.messageId);
    expect(parsed.inReplyTo).toBe(message.inReplyTo);
    expect(parsed.references).toEqual(message.references);
    expect(parsed.date?.toISOString()).toBe('2026-12-02T09:30:00.000Z');
    expect(parsed.headers.get('content-language')).toBe('pl');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.headers.get('x-auto-response-suppress')).toBe('All');
  });

  it('stays 7-bit with lines of at most 78 characters (76 in the body), however long the subject, names and text', () => {
    // Prepare
    const message = aMessage({
      subject: `Zgłoszenie ${'bardzo długie '.repeat(20)}`,
      to: [{ email: 'client@acme.example', name: 'Õnne Järvesoo-Ääremaa '.repeat(5).trim() }],
      text: `ä${'x'.repeat(500)}=`,
      html: `<p>${'ß'.repeat(300)}</p>`,
      references: Array.from({ length: 12 }, (_, index) => `<ticket.01JQ.${index}@helpdesk.example>`),
    });

    // Act
    const raw = composeMimeMessage(message);

    // Assess
    expect([...raw].every((byte) => byte < 0x80)).toBe(true);
    const [head = '', ...body] = raw.toString('ascii').split('\r\n\r\n');
    // Only a word that cannot be broken (the Message-ID) may stand longer on its line.
    const unbreakable = (line: string) => !/\s/.test(line.replace(/^[\w-]+: /, '').trim());
    expect(head.split('\r\n').filter((line) => line.length > 78 && !unbreakable(line))).toEqual([]);
    expect(
      body
        .join('\r\n\r\n')
        .split('\r\n')
        .filter((line) => line.length > 76),
    ).toEqual([]);
    expect(raw.toString('ascii')).not.toMatch(/[^\r]\n/);
  });

  it('keeps a line break in a subject from starting a header of its own', async () => {
    // Act
    const parsed = await simpleParser(
      composeMimeMessage(aMessage({ subject: 'Printer\r\nBcc: victim@example.com' })),
    );

    // Assess
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.subject).toBe('Printer Bcc: victim@example.com');
  });
});
