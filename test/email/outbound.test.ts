import { describe, expect, it } from 'vitest';
import { portalLinks } from '#notifications/links.js';
import { renderNotice } from '#notifications/render.js';
import { aRecipient, aTicket, noticesByKind, PORTAL_URL } from '../notifications/fixtures.js';

/** What outbound mail says about answering by mail, with and without inbound mail (docs/inbound-mail.md). */
const render = (kind: 'acknowledgement' | 'clientReplied' | 'reminder', replyByMail: boolean) => {
  const notice =
    kind === 'acknowledgement'
      ? ({ kind } as const)
      : kind === 'clientReplied'
        ? ({ kind, authorName: 'Clara', body: 'Still broken' } as const)
        : noticesByKind.reminder;
  return renderNotice(notice, {
    ticket: aTicket({ reference: 'HD-2026-000042' }),
    recipient: aRecipient({ locale: 'en' }),
    links: portalLinks(PORTAL_URL),
    replyByMail,
  });
};

describe('outbound mail and the inbound channel', () => {
  it('asks clients to keep the reference in the subject only when replies reach the desk', () => {
    expect(render('acknowledgement', true).text).toContain('Please keep it in the subject');
    const without = render('acknowledgement', false);
    expect(without.text).not.toContain('keep it in the subject');
    expect(without.text).toContain('Reference HD-2026-000042.');
    expect(without.subject).toContain('[HD-2026-000042]');
  });

  it('tells staff that answering the mail answers the client, only when it will work', () => {
    expect(render('clientReplied', true).text).toContain('Reply to this mail to answer the client');
    expect(render('clientReplied', false).text).not.toContain('Reply to this mail');
  });

  it('never offers a mail reply on a notice that has no client to answer', () => {
    expect(render('reminder', true).text).not.toContain('Reply to this mail');
  });
});
