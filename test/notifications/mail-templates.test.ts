import { describe, expect, it } from 'vitest';
import { portalLinks } from '#notifications/links.js';
import { mailLanguages } from '#notifications/locale.js';
import {
  isTemplateKind,
  noticeTemplateKinds,
  placeholdersOf,
  type TemplateDocument,
  templatesOf,
  validateTemplate,
} from '#notifications/mail-templates.js';
import type { Notice } from '#notifications/notices.js';
import { renderNotice } from '#notifications/render.js';
import { sampleOf } from '#notifications/template-samples.js';
import { Invalid } from '#platform/errors.js';
import { aRecipient, aTicket, noticesByKind, PORTAL_URL } from './fixtures.js';

/** Admins' mail templates: placeholders, validation, fallback to the built-in text, escaping. */
const links = portalLinks(PORTAL_URL);
const stored = (templates: Record<string, { subject: string; body: string }>): TemplateDocument => ({
  templates: Object.fromEntries(
    Object.entries(templates).map(([key, text]) => [
      key,
      {
        ...text,
        version: 1,
        updatedAt: '2026-03-01T00:00:00.000Z',
        updatedBy: { id: 'a', name: 'A', role: 'admin' },
      },
    ]),
  ),
});

const render = (notice: Notice, document: TemplateDocument, locale = 'en', subject?: string) =>
  renderNotice(notice, {
    ticket: aTicket(subject ? { subject } : {}),
    recipient: aRecipient({ locale }),
    links,
    templates: templatesOf(document),
  });

const invalidOf = (fn: () => unknown): Invalid => {
  try {
    fn();
  } catch (error) {
    if (error instanceof Invalid) return error;
    throw error;
  }
  throw new Error('expected Invalid');
};

describe('stored mail templates', () => {
  it('fills every placeholder of the acknowledgement and keeps the reference in the subject', () => {
    const document = stored({
      'acknowledgement/en': {
        subject: 'Got it: {{ticketSubject}} ({{priority}})',
        body: 'Dear {{recipientName}},\n\nwe answer by {{ firstResponseDue }}.\n\nFollow it at {{ticketUrl}}\n\n{{summary}}',
      },
    });

    const mail = render(noticesByKind.acknowledgement, document);

    expect(mail.subject).toBe('[HD-2026-000042] Got it: The printer on floor 2 does not print (High)');
    expect(mail.text).toContain('Dear Anna Schmidt,\n\nwe answer by ');
    expect(mail.text).toContain(`Follow it at ${PORTAL_URL}/tickets/01JQ0000000000000000000042`);
    expect(mail.text).toContain('Error E-042 on the display.');
    expect(mail.text).not.toMatch(/\{\{|undefined|null/);
    expect(mail.html).toContain(
      `<a href="${PORTAL_URL}/tickets/01JQ0000000000000000000042">${PORTAL_URL}/tickets/01JQ0000000000000000000042</a>`,
    );
  });

  it('keeps the built-in text for other languages and kinds', () => {
    const document = stored({ 'acknowledgement/de': { subject: 'Erhalten', body: 'Danke.' } });

    expect(render(noticesByKind.acknowledgement, document, 'de').subject).toBe('[HD-2026-000042] Erhalten');
    expect(render(noticesByKind.acknowledgement, document, 'en').subject).toBe(
      '[HD-2026-000042] We have received your request: The printer on floor 2 does not print',
    );
    expect(render(noticesByKind.agentReply, document, 'de').subject).toContain('Neue Antwort');
  });

  it('escapes the values, not only the text, in the HTML part', () => {
    const document = stored({
      'acknowledgement/en': { subject: '{{ticketSubject}}', body: '<b>Hi</b> {{ticketSubject}}' },
    });

    const mail = render(
      noticesByKind.acknowledgement,
      document,
      'en',
      '<script>alert("x")</script> & <img src=x>',
    );

    expect(mail.html).not.toContain('<script');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain(
      '&lt;b&gt;Hi&lt;/b&gt; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x&gt;',
    );
    expect(mail.text).toContain('<b>Hi</b> <script>alert("x")</script>');
  });

  it('refuses an unknown placeholder, naming it and the field', () => {
    const error = invalidOf(() =>
      validateTemplate('acknowledgement', { subject: 'Hello', body: 'Your agent is {{agentName}}' }),
    );

    expect(error.errors?.[0]?.path).toBe('body');
    expect(error.message).toContain('{{agentName}}');
  });

  it.each([
    ['an unclosed placeholder', 'Hello {{recipientName', 'never closed'],
    ['a stray closing', 'Hello recipientName}}', 'never opened'],
    ['a placeholder that is no name', 'Hello {{recipient name}}', '{{recipient name}}'],
  ])('refuses %s', (_, subject, message) => {
    const error = invalidOf(() => validateTemplate('agentReply', { subject, body: 'x' }));

    expect(error.errors?.[0]?.path).toBe('subject');
    expect(error.message).toContain(message);
  });

  it('lets a rule template fall back to the English one the admin wrote, else the built-in text', () => {
    const rule: Notice = { kind: 'rule', template: 'rule.vip', to: 'requester' };
    const document = stored({
      'rule.vip/en': { subject: 'VIP {{reference}}', body: 'Hi {{requesterName}}, status {{status}}.' },
    });

    expect(render(rule, document, 'pl').subject).toBe('[HD-2026-000042] VIP HD-2026-000042');
    expect(render(rule, document, 'pl').text).toContain('Hi Anna Schmidt, status new.');
    expect(render({ ...rule, template: 'rule.other' }, document, 'de').subject).toContain('Neuigkeiten');
  });

  it('accepts the notice kinds and rule.<name> as template kinds, nothing else', () => {
    expect(noticeTemplateKinds.every(isTemplateKind)).toBe(true);
    expect(['rule.vip-welcome', 'rule.a_b'].every(isTemplateKind)).toBe(true);
    expect(['rule', 'rule.', 'rule.Upper', 'unknown', 'rule.a/b'].some(isTemplateKind)).toBe(false);
  });

  it.each(noticeTemplateKinds.flatMap((kind) => mailLanguages.map((language) => [kind, language] as const)))(
    'renders the %s sample in %s with every placeholder filled',
    (kind, language) => {
      const { notice, context } = sampleOf(kind, language);
      const names = placeholdersOf(kind);
      const body = names.map((name) => `${name}=[{{${name}}}]`).join('\n\n');
      const document = stored({ [`${kind}/${language}`]: { subject: 'S', body } });

      const mail = renderNotice(notice, { ...context, templates: templatesOf(document) });

      for (const name of ['reference', 'ticketSubject', 'recipientName', 'ticketUrl', 'priority'])
        expect(mail.text).toMatch(new RegExp(`${name}=\\[[^\\]\\n]+\\]`));
      expect(mail.text).not.toMatch(/\{\{|undefined|\[object Object\]|NaN/);
    },
  );
});
