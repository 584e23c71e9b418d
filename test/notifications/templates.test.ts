import { describe, expect, it } from 'vitest';
import { portalLinks } from '#notifications/links.js';
import { languageFor, mailLanguages, recipientFormat } from '#notifications/locale.js';
import { type Notice, noticeKinds } from '#notifications/notices.js';
import { renderNotice } from '#notifications/render.js';
import { aRecipient, aTicket, noticesByKind, PORTAL_URL } from './fixtures.js';

const links = portalLinks(PORTAL_URL);
const ticketUrl = `${PORTAL_URL}/tickets/01JQ0000000000000000000042`;

const render = (notice: Notice, options: { locale?: string; timeZone?: string; subject?: string } = {}) =>
  renderNotice(notice, {
    ticket: aTicket(options.subject ? { subject: options.subject } : {}),
    recipient: aRecipient({ locale: options.locale ?? 'en', timeZone: options.timeZone ?? 'UTC' }),
    links,
  });

const cases = noticeKinds.flatMap((kind) => mailLanguages.map((language) => [kind, language] as const));

describe('mail templates', () => {
  it.each(cases)('renders %s in %s with the reference leading the subject', (kind, language) => {
    // Act
    const mail = render(noticesByKind[kind], { locale: language });

    // Assess
    expect(mail.language).toBe(language);
    expect(mail.subject.startsWith('[HD-2026-000042] ')).toBe(true);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain('HD-2026-000042');
    expect(mail.text).toContain(ticketUrl);
    expect(mail.html).toContain(`<html lang="${language}">`);
    expect(mail.html).toContain(`href="${ticketUrl}`);
    for (const body of [mail.subject, mail.text, mail.html]) {
      expect(body).not.toMatch(/undefined|null|\[object Object\]|NaN/);
    }
  });

  it.each(noticeKinds)('writes %s in each language, not in English everywhere', (kind) => {
    // Act
    const subjects = mailLanguages.map(
      (language) => render(noticesByKind[kind], { locale: language }).subject,
    );
    const texts = mailLanguages.map((language) => render(noticesByKind[kind], { locale: language }).text);

    // Assess
    expect(new Set(subjects).size).toBe(mailLanguages.length);
    expect(new Set(texts).size).toBe(mailLanguages.length);
  });

  it('escapes a script in the ticket subject everywhere in the HTML', () => {
    // Act
    const mail = render(noticesByKind.acknowledgement, { subject: '<script>alert("hi")</script> & more' });

    // Assess
    expect(mail.subject).toBe(
      '[HD-2026-000042] We have received your request: <script>alert("hi")</script> & more',
    );
    expect(mail.html).not.toContain('<script');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; &amp; more');
  });

  it('escapes the text of an agent reply and keeps its line breaks', () => {
    // Prepare
    const notice: Notice = {
      kind: 'agentReply',
      message: {
        id: 'm1',
        body: 'Try <b>this</b>:\n1. restart',
        internal: false,
        author: { id: 'a', name: 'Eve <admin@evil>', role: 'agent' },
      },
    };

    // Act
    const mail = render(notice);

    // Assess
    expect(mail.html).toContain('Try &lt;b&gt;this&lt;/b&gt;:<br>\n1. restart');
    expect(mail.html).toContain('Eve &lt;admin@evil&gt;');
    expect(mail.text).toContain('Try <b>this</b>:\n1. restart');
  });

  it('keeps a subject with line breaks on one line, so it cannot add mail headers', () => {
    // Act
    const mail = render(noticesByKind.acknowledgement, { subject: 'Help\r\nBcc: victim@example.com' });

    // Assess
    expect(mail.subject).toBe('[HD-2026-000042] We have received your request: Help Bcc: victim@example.com');
  });

  it('never mails an internal note to the requester', () => {
    // Prepare
    const notice: Notice = {
      kind: 'agentReply',
      message: { id: 'm1', body: 'internal', internal: true, author: { id: 'a', name: 'A', role: 'agent' } },
    };

    // Act + Assess
    expect(() => render(notice)).toThrow(/Internal notes are never mailed/);
  });

  it('tells the requester the expected first response and resolution in their time zone', () => {
    // Act: 01:30 UTC is 04:30 in Tallinn, which moved to summer time at 01:00 UTC that night.
    const mail = render(noticesByKind.acknowledgement, { locale: 'et-EE', timeZone: 'Europe/Tallinn' });

    // Assess
    expect(mail.text).toMatch(/Esimene vastus hiljemalt: .*29\. märts 2026.*04:30/);
    expect(mail.text).toMatch(/Eeldatav lahendus hiljemalt: .*29\. märts 2026.*12:30/);
    expect(mail.text).toContain('Mis edasi saab:');
  });

  it('formats dates the way the recipient reads them', () => {
    // Act
    const german = render(noticesByKind.reminder, { locale: 'de-DE', timeZone: 'Europe/Berlin' });
    const american = render(noticesByKind.reminder, { locale: 'en-US', timeZone: 'America/New_York' });

    // Assess
    expect(german.text).toContain('Fällig: So., 29. März 2026 um 03:30 MESZ');
    expect(german.subject).toContain('50 % der Zeit bis zur Übernahme');
    expect(american.text).toMatch(/Due: Sat, March 28, 2026(,| at) 09:30 PM EDT/);
    expect(american.subject).toContain('50% of the time to open');
  });

  it('says when no first response time is promised', () => {
    // Prepare
    const ticket = aTicket();
    ticket.sla = { ...ticket.sla, firstResponseDueAt: null, resolutionDueAt: null };

    // Act
    const mail = renderNotice(noticesByKind.acknowledgement, { ticket, recipient: aRecipient(), links });

    // Assess
    expect(mail.text).toContain('An agent will review your request and reply as soon as possible.');
    expect(mail.text).not.toContain('expected by');
  });

  it('offers accept and reopen links with a proposed solution', () => {
    // Act
    const mail = render(noticesByKind.resolutionProposed, { locale: 'pl' });

    // Assess
    expect(mail.text).toContain(`Tak, akceptuję rozwiązanie: ${ticketUrl}?action=accept`);
    expect(mail.text).toContain(`Nie, problem nadal występuje: ${ticketUrl}?action=reopen`);
    expect(mail.html).toContain(`href="${ticketUrl}?action=accept"`);
    expect(mail.html).toContain(`href="${ticketUrl}?action=reopen"`);
    expect(mail.text).toContain('We replaced the toner cartridge.');
  });

  it('asks for feedback when a ticket closed itself', () => {
    // Act
    const mail = render(noticesByKind.autoClosed, { locale: 'de' });

    // Assess
    expect(mail.subject).toBe(
      '[HD-2026-000042] Ihre Anfrage wurde geschlossen: The printer on floor 2 does not print',
    );
    expect(mail.html).toContain(`href="${ticketUrl}?action=feedback"`);
  });

  it('reminds the queue when nobody is assigned', () => {
    // Prepare
    const ticket = aTicket({ assignee: null });

    // Act
    const mail = renderNotice(noticesByKind.reminder, { ticket, recipient: aRecipient(), links });

    // Assess
    expect(mail.text).toContain('The unassigned ticket HD-2026-000042 in the queue support needs attention');
  });

  it('warns the lead before a breach and tells them after it', () => {
    // Act
    const atRisk = render({
      kind: 'escalation',
      clock: 'timeToResolve',
      level: 'atRisk',
      dueAt: '2026-03-29T09:30:00Z',
    });
    const breach = render({
      kind: 'escalation',
      clock: 'timeToResolve',
      level: 'breach',
      dueAt: '2026-03-29T09:30:00Z',
    });

    // Assess
    expect(atRisk.subject).toContain('SLA at risk (time to resolve)');
    expect(breach.subject).toContain('SLA breached (time to resolve)');
  });
});

describe('recipient locale', () => {
  it.each([
    ['de-AT', 'de'],
    ['de_CH', 'de'],
    ['PL', 'pl'],
    ['et-EE', 'et'],
    ['en-GB', 'en'],
    ['fr-FR', 'en'],
    ['', 'en'],
    [null, 'en'],
    ['not a locale!', 'en'],
  ])('reads %s as %s', (locale, language) => {
    expect(languageFor(locale)).toBe(language);
  });

  it('writes a French reader English text with English dates', () => {
    // Act
    const mail = render(noticesByKind.acknowledgement, { locale: 'fr-FR' });

    // Assess
    expect(mail.language).toBe('en');
    expect(mail.subject).toContain('We have received your request');
    expect(mail.text).toContain('Sun, March 29, 2026');
  });

  it('falls back to UTC for an unknown time zone', () => {
    expect(recipientFormat('de-AT', 'Mars/Olympus')).toEqual({
      language: 'de',
      locale: 'de-AT',
      timeZone: 'UTC',
    });
  });
});

describe('the footer', () => {
  const staffKinds = [
    'reminder',
    'escalation',
    'requeued',
    'ticketCreated',
    'clientReplied',
    'ticketReopened',
    'ticketAssigned',
    'mentioned',
  ] as const;
  const clientKinds = ['acknowledgement', 'agentReply', 'resolutionProposed', 'autoClosed'] as const;
  const clientFooter: Record<string, RegExp> = {
    en: /keep it in the subject/,
    de: /im Betreff an/,
    pl: /w temacie/,
    et: /kirja teemasse/,
  };

  it.each(mailLanguages.flatMap((language) => staffKinds.map((kind) => [kind, language] as const)))(
    'asks no agent or lead to keep the reference in the subject (%s in %s)',
    (kind, language) => {
      // Act
      const mail = render(noticesByKind[kind], { locale: language });

      // Assess
      expect(mail.text).not.toMatch(clientFooter[language] as RegExp);
      expect(mail.html).not.toMatch(clientFooter[language] as RegExp);
      expect(mail.text).toContain('HD-2026-000042');
    },
  );

  it.each(mailLanguages.flatMap((language) => clientKinds.map((kind) => [kind, language] as const)))(
    'asks the client to keep the reference in the subject (%s in %s)',
    (kind, language) => {
      expect(render(noticesByKind[kind], { locale: language }).text).toMatch(
        clientFooter[language] as RegExp,
      );
    },
  );
});
