import { describe, expect, it } from 'vitest';
import { parseMail } from '#email/inbound-mail.js';
import { AUTO_REPLIES_PER_HOUR, isBounce, isMachineAddress, noAutoReplyReason } from '#email/loops.js';
import { newTextOf } from '#email/quoted-text.js';
import { identityProblem, staffNote, verdictProblem } from '#email/senders.js';
import {
  referenceInSubject,
  subjectForTicket,
  ticketIdsInText,
  ticketIdsInThread,
} from '#email/threading.js';
import { encodedWord, rawMail, singleByte } from './fixtures.js';

const TICKET = '01JNQ3Z8X4V7K2M9P5R6T8W0YA';

describe('parsing', () => {
  it('reads a German ISO-8859-1 mail with an encoded-word subject', async () => {
    const mail = await parseMail(
      rawMail({
        subject: encodedWord('Größere Störung im Büro', 'iso-8859-1'),
        contentType: 'text/plain; charset=iso-8859-1',
        body: singleByte('Grüße aus Köln: der Drucker läuft heiß.', 'iso-8859-1'),
      }),
    );
    expect(mail.subject).toBe('Größere Störung im Büro');
    expect(mail.text.trim()).toBe('Grüße aus Köln: der Drucker läuft heiß.');
  });

  it('reads a Polish Windows-1250 mail and an ISO-8859-2 one', async () => {
    const polish = 'Zażółć gęślą jaźń: drukarka nie działa';
    for (const charset of ['windows-1250', 'iso-8859-2'] as const) {
      const mail = await parseMail(
        rawMail({
          subject: encodedWord('Prośba o pomoc', charset),
          contentType: `text/plain; charset=${charset}`,
          body: singleByte(polish, charset),
        }),
      );
      expect(mail.subject).toBe('Prośba o pomoc');
      expect(mail.text.trim()).toBe(polish);
    }
  });

  it('turns an HTML-only mail into readable text, quoted blocks marked', async () => {
    const mail = await parseMail(
      rawMail({
        contentType: 'text/html; charset=utf-8',
        body: '<p>Hello <b>team</b>,</p><p>the VPN drops every hour.</p><blockquote>Old text</blockquote>',
      }),
    );
    expect(mail.text).toContain('Hello team,');
    expect(mail.text).toContain('the VPN drops every hour.');
    expect(newTextOf(mail.text).body).not.toContain('Old text');
  });

  it('decodes quoted-printable and base64 parts and keeps attachments and inline images', async () => {
    const boundary = 'b1';
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const mail = await parseMail(
      rawMail({
        contentType: `multipart/mixed; boundary="${boundary}"`,
        body: [
          `--${boundary}`,
          'Content-Type: text/plain; charset=utf-8',
          'Content-Transfer-Encoding: quoted-printable',
          '',
          'Caf=C3=A9 machine =3D broken',
          `--${boundary}`,
          'Content-Type: image/png; name="shot.png"',
          'Content-Disposition: inline; filename="shot.png"',
          'Content-Transfer-Encoding: base64',
          '',
          png.toString('base64'),
          `--${boundary}`,
          'Content-Type: text/plain; name="log.txt"',
          'Content-Disposition: attachment; filename="log.txt"',
          'Content-Transfer-Encoding: base64',
          '',
          Buffer.from('line 1\nline 2\n').toString('base64'),
          `--${boundary}--`,
          '',
        ].join('\r\n'),
      }),
    );
    expect(mail.text.trim()).toBe('Café machine = broken');
    expect(mail.files.map((file) => [file.fileName, file.contentType, file.inline])).toEqual([
      ['shot.png', 'image/png', true],
      ['log.txt', 'text/plain', false],
    ]);
    expect(Buffer.from(mail.files[0]?.bytes ?? []).equals(png)).toBe(true);
  });

  it('reads threading and loop headers', async () => {
    const mail = await parseMail(
      rawMail({
        headers: {
          'In-Reply-To': `<ticket.${TICKET}.acknowledgement.created.abc@helpdesk.example>`,
          References: `<x@y> <ticket.${TICKET}@helpdesk.example>`,
          'Auto-Submitted': 'auto-replied',
          Precedence: 'bulk',
        },
      }),
    );
    expect(mail.inReplyTo).toEqual([`<ticket.${TICKET}.acknowledgement.created.abc@helpdesk.example>`]);
    expect(mail.references).toEqual(['<x@y>', `<ticket.${TICKET}@helpdesk.example>`]);
    expect(mail.autoSubmitted).toBe('auto-replied');
    expect(mail.precedence).toBe('bulk');
  });
});

describe('threading', () => {
  it('finds the reference in brackets after reply prefixes in any language', () => {
    for (const subject of [
      '[HD-2026-000042] Printer',
      'Re: [HD-2026-000042] Printer',
      'AW: WG: [hd-2026-000042] Drucker',
      'Odp: [HD-2026-000042] Drukarka',
      'Vs: Fwd: [HD-2026-000042] Printer',
    ]) {
      expect(referenceInSubject(subject)).toBe('HD-2026-000042');
    }
    expect(referenceInSubject('HD-2026-000042 without brackets')).toBeNull();
    expect(referenceInSubject('Printer')).toBeNull();
  });

  it('takes ticket ids from the product Message-IDs of its own domain only', () => {
    expect(
      ticketIdsInThread(
        [
          '<abc@gmail.com>',
          `<ticket.${TICKET}@helpdesk.example>`,
          `<ticket.${TICKET}.reply.01X.ab12@helpdesk.example>`,
          '<ticket.01JNQ3Z8X4V7K2M9P5R6T8W0YB@evil.example>',
        ],
        'helpdesk.example',
      ),
    ).toEqual([TICKET]);
    expect(
      ticketIdsInText(`Message-ID: <ticket.${TICKET}.ack.x.y@helpdesk.example>\n`, 'helpdesk.example'),
    ).toEqual([TICKET]);
  });

  it('cleans a new ticket subject of prefixes and references', () => {
    expect(subjectForTicket('Re: AW: Printer on fire', 'x')).toBe('Printer on fire');
    expect(subjectForTicket('Fwd: [HD-2026-000001] Old', 'x')).toBe('Old');
    expect(subjectForTicket('   ', 'First line')).toBe('First line');
  });
});

describe('quoted text', () => {
  const cases: [string, string][] = [
    [
      'Thanks, works now.\n\nOn Mon, 2 Mar 2026 at 10:00, Help desk <support@helpdesk.example> wrote:\n> Did it help?',
      'Thanks, works now.',
    ],
    [
      'Thanks, works now.\n\nOn Mon, 2 Mar 2026 at 10:00, Help desk <support@helpdesk.example>\nwrote:\n> Did it help?',
      'Thanks, works now.',
    ],
    [
      'Danke, geht wieder.\n\nAm 02.03.2026 um 10:00 schrieb Help desk <support@helpdesk.example>:\n> Hat es geholfen?',
      'Danke, geht wieder.',
    ],
    [
      'Dziękuję, działa.\n\nW dniu 2.03.2026 o 10:00, Help desk <support@helpdesk.example> napisał:\n> Czy pomogło?',
      'Dziękuję, działa.',
    ],
    [
      'Aitäh, töötab.\n\nE, 2. märts 2026 10:00 Help desk <support@helpdesk.example> kirjutas:\n> Kas aitas?',
      'Aitäh, töötab.',
    ],
    [
      'Fixed.\n\n-----Original Message-----\nFrom: Help desk\nSent: Monday\nTo: me\nSubject: x\n\nold',
      'Fixed.',
    ],
    [
      'Fixed.\n\nFrom: Help desk <support@helpdesk.example>\nSent: Monday, March 2, 2026 10:00\nTo: Clara\nSubject: [HD-2026-000042] x\n\nold',
      'Fixed.',
    ],
    ['Fixed.\n\nVon: Help desk\nGesendet: Montag\nAn: Clara\nBetreff: x\n\nalt', 'Fixed.'],
    ['Fixed.\n\n-- \nClara Client\nAcme Corp', 'Fixed.'],
    ['Fixed.\n\nSent from my iPhone', 'Fixed.'],
    [
      'My answer to your first question.\n> second question?\nAnd to the second.',
      'My answer to your first question.\nAnd to the second.',
    ],
  ];
  it.each(cases)('keeps only the new text of %j', (text, expected) => {
    const result = newTextOf(text);
    expect(result.body).toBe(expected);
    expect(result.trimmed).toBe(true);
  });

  it('keeps a text that is all quote (a bare forward) whole, and leaves ordinary text alone', () => {
    expect(newTextOf('> only quoted\n> lines').body).toBe('> only quoted\n> lines');
    const plain = 'On Monday the printer broke.\nJaan kirjutas mulle eile, et see ei tööta.';
    expect(newTextOf(plain)).toEqual({ body: plain, trimmed: false });
  });
});

describe('senders and loops', () => {
  const base = {
    messageId: null,
    from: { address: 'client@acme.example', name: '' },
    replyTo: null,
    subject: 's',
    text: 't',
    inReplyTo: [],
    references: [],
    autoSubmitted: null,
    precedence: null,
    listId: null,
    autoResponseSuppress: null,
    deliveryReport: false,
    reportText: '',
    files: [],
  };
  const own = ['support@helpdesk.example'];

  it('never answers automatic, bulk, list, daemon or own mail', () => {
    expect(noAutoReplyReason(base, 'client@acme.example', own)).toBeNull();
    expect(noAutoReplyReason({ ...base, autoSubmitted: 'no' }, null, own)).toBeNull();
    expect(noAutoReplyReason({ ...base, autoSubmitted: 'auto-replied' }, null, own)).toContain(
      'Auto-Submitted',
    );
    for (const precedence of ['bulk', 'junk', 'list']) {
      expect(noAutoReplyReason({ ...base, precedence }, null, own)).toContain('Precedence');
    }
    expect(noAutoReplyReason({ ...base, listId: '<news.acme.example>' }, null, own)).toContain('List-Id');
    expect(noAutoReplyReason(base, '', own)).toContain('null envelope');
    expect(
      noAutoReplyReason({ ...base, from: { address: 'mailer-daemon@acme.example', name: '' } }, null, own),
    ).toContain('mail system');
    expect(
      noAutoReplyReason({ ...base, from: { address: 'support@helpdesk.example', name: '' } }, null, own),
    ).toBe('our own address');
    expect(isMachineAddress('postmaster@x.example')).toBe(true);
    expect(isMachineAddress('post@x.example')).toBe(false);
    expect(AUTO_REPLIES_PER_HOUR).toBe(5);
  });

  it('tells bounces by their report type or daemon sender', () => {
    expect(isBounce({ ...base, deliveryReport: true })).toBe(true);
    expect(isBounce({ ...base, from: { address: 'MAILER-DAEMON@x.example'.toLowerCase(), name: '' } })).toBe(
      true,
    );
    expect(isBounce(base)).toBe(false);
  });

  it('accepts an identity only when envelope and From agree and SES verdicts pass', () => {
    const from = 'agent@helpdesk.example';
    expect(identityProblem(from, { from, to: [] })).toBeNull();
    expect(identityProblem(from, { from: 'Agent@Helpdesk.example', to: [] })).toBeNull();
    expect(identityProblem(from, { from: 'mallory@evil.example', to: [] })).toContain('envelope sender');
    const pass = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', spam: 'PASS', virus: 'PASS' };
    expect(identityProblem(from, { from, to: [] }, pass)).toBeNull();
    expect(identityProblem(from, { from, to: [] }, { ...pass, spf: 'FAIL', dkim: 'FAIL' })).toContain('SPF');
    expect(identityProblem(from, { from, to: [] }, { ...pass, dmarc: 'FAIL' })).toBe('DMARC failed');
    expect(verdictProblem({ ...pass, virus: 'FAIL' })).toBe('SES found a virus');
    expect(verdictProblem({ ...pass, spam: 'FAIL' })).toBe('SES judged it spam');
  });

  it('reads #note on the first line as an internal note', () => {
    expect(staffNote('#note\nCalled the client, waiting for logs.')).toEqual({
      note: true,
      body: 'Called the client, waiting for logs.',
    });
    expect(staffNote('Hello #note')).toEqual({ note: false, body: 'Hello #note' });
  });
});
