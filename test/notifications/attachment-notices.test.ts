import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalLinks } from '#notifications/links.js';
import { renderNotice } from '#notifications/render.js';
import { openTicket, postMessage, upload } from '../attachments/fixtures.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { aRecipient, aTicket, PORTAL_URL } from './fixtures.js';

/**
 * Outbound notices list the files of the message they are about (docs/attachments.md, Mail):
 * names and sizes with a link to the ticket in the portal, in the text and the HTML part, in the
 * recipient's language; the mail never carries the files.
 */
const logFile = {
  id: '01JAAAAAAAAAAAAAAAAAAAAAAA',
  fileName: 'vpn-client.log',
  contentType: 'text/plain',
  size: 2_345,
};
const screenFile = {
  id: '01JBBBBBBBBBBBBBBBBBBBBBBB',
  fileName: 'screen <1>.png',
  contentType: 'image/png',
  size: 1_250_000,
};
const files = [logFile, screenFile];
const ticket = aTicket({ id: '01JTICKETAAAAAAAAAAAAAAAAA', reference: 'HD-2026-000042' });
const ticketUrl = portalLinks(PORTAL_URL).ticket(ticket.id);

const agentReply = (locale: string) =>
  renderNotice(
    {
      kind: 'agentReply',
      message: {
        id: '01JMESSAGEAAAAAAAAAAAAAAAA',
        body: 'Please install the attached client.',
        internal: false,
        author: { id: 'user-agent', name: 'Agnes Agent', role: 'agent' },
        attachments: files,
      },
    },
    { ticket, recipient: aRecipient({ locale }), links: portalLinks(PORTAL_URL) },
  );

describe('attachment lists in rendered notices', () => {
  const expected = {
    en: { title: 'Attached files (open them on the ticket in the portal):', sizes: ['2.3 kB', '1.3 MB'] },
    de: { title: 'Angehängte Dateien (öffnen Sie sie am Ticket im Portal):', sizes: ['2,3 kB', '1,3 MB'] },
    pl: { title: 'Załączone pliki (otwórz je w zgłoszeniu w portalu):', sizes: ['2,3 kB', '1,3 MB'] },
    et: { title: 'Lisatud failid (avage need portaalis pileti juures):', sizes: ['2,3 kB', '1,3 MB'] },
  } as const;
  for (const [locale, { title, sizes }] of Object.entries(expected)) {
    it(`lists names, sizes and the ticket link in ${locale}, in text and HTML`, () => {
      const mail = agentReply(locale);
      expect(mail.text).toContain(
        `${title}\n- vpn-client.log (${sizes[0]}): ${ticketUrl}\n- screen <1>.png (${sizes[1]}): ${ticketUrl}`,
      );
      expect(mail.html).toContain(`${title}</p>`);
      expect(mail.html).toContain(`<li><a href="${ticketUrl}">vpn-client.log</a> (${sizes[0]})</li>`);
      // A file name is text, never markup.
      expect(mail.html).toContain(`<a href="${ticketUrl}">screen &lt;1&gt;.png</a>`);
      expect(mail.html).not.toContain('screen <1>');
      // No download link: the portal asks who is signed in before it hands out a file.
      expect(mail.text).not.toContain('/attachments/');
      expect(mail.html).not.toContain('/attachments/');
    });
  }

  it('says "file" for one, lists agent notices’ files too, and adds nothing without files', () => {
    const one = renderNotice(
      { kind: 'clientReplied', authorName: 'Clara', body: 'Log attached', files: [logFile] },
      {
        ticket,
        recipient: aRecipient({ locale: 'en' }),
        links: portalLinks(PORTAL_URL),
      },
    );
    expect(one.text).toContain(
      `Attached file (open it on the ticket in the portal):\n- vpn-client.log (2.3 kB)`,
    );
    const none = renderNotice(
      { kind: 'clientReplied', authorName: 'Clara', body: 'No files' },
      { ticket, recipient: aRecipient({ locale: 'en' }), links: portalLinks(PORTAL_URL) },
    );
    expect(none.text).not.toContain('Attached');
    expect(none.html).not.toContain('<ul');
  });
});

interface CapturedMail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  attachments?: unknown[];
}

describe('attachment lists through the SES emulator', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const mailsAbout = async (word: string, to: string): Promise<CapturedMail[]> => {
    const response = await fetch(`${rt.sesUrl}/store`);
    const store = (await response.json()) as { emails: CapturedMail[] };
    return store.emails.filter(
      (mail) => mail.subject.includes(word) && mail.destination.to.some((address) => address.includes(to)),
    );
  };

  const waitForMail = async (word: string, to: string, subject: string): Promise<CapturedMail> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      await rt.drained();
      const found = (await mailsAbout(word, to)).find((mail) => mail.subject.includes(subject));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No mail "${subject}" about ${word} to ${to}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it("mails the client a staff reply's file names, sizes and the ticket's portal link, not the file", async () => {
    const client = await rt.token('client@acme.example');
    const agent = await rt.token('agent@helpdesk.example');
    const word = `vpn${randomBytes(4).toString('hex')}`;
    const ticketId = await openTicket(rt, client, `The ${word} drops`);
    const content = Buffer.from('2026-12-02 10:00:01 tunnel up\n2026-12-02 10:00:09 tunnel down\n');
    const fileId = await upload(rt, agent, ticketId, {
      fileName: 'tunnel.log',
      contentType: 'text/plain',
      bytes: content,
    });
    const sent = await postMessage(rt, agent, ticketId, {
      body: 'This log shows the tunnel dropping.',
      attachmentIds: [fileId],
    });
    expect(sent.status).toBe(201);

    const mail = await waitForMail(word, 'client@acme.example', 'New reply to your request');
    const link = `http://portal.test/tickets/${ticketId}`;
    expect(mail.body.text).toContain(
      `Attached file (open it on the ticket in the portal):\n- tunnel.log (${content.length} B): ${link}`,
    );
    expect(mail.body.html).toContain(`<a href="${link}">tunnel.log</a> (${content.length} B)`);
    // The file's bytes are not in the mail, nor any download link.
    expect(JSON.stringify(mail)).not.toContain('tunnel down');
    expect(mail.attachments ?? []).toEqual([]);
    expect(JSON.stringify(mail)).not.toContain('/attachments/');
  });

  it("mails the client's file names to the agent told of the client's reply", async () => {
    const client = await rt.token('client@acme.example');
    const agent = await rt.token('agent@helpdesk.example');
    const word = `modem${randomBytes(4).toString('hex')}`;
    const ticketId = await openTicket(rt, client, `The ${word} blinks`);
    const picked = await call(`${rt.api}/tickets/${ticketId}`, {
      method: 'PATCH',
      token: agent,
      body: { assignee: 'me' },
    });
    expect(picked.status).toBe(200);
    const fileId = await upload(rt, client, ticketId, {
      fileName: 'blinking.txt',
      contentType: 'text/plain',
      bytes: Buffer.from('red, red, green\n'),
    });
    expect(
      (await postMessage(rt, client, ticketId, { body: 'See the pattern.', attachmentIds: [fileId] })).status,
    ).toBe(201);
    const mail = await waitForMail(word, 'agent@helpdesk.example', 'Alice Acme replied');
    expect(mail.body.text).toContain('- blinking.txt (16 B): ');
    expect(mail.body.html).toContain('>blinking.txt</a> (16 B)');
  });
});
