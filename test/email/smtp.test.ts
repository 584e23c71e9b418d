import { randomBytes } from 'node:crypto';
import type { SESEvent } from 'aws-lambda';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoInboundMailStore } from '#email/adapters/dynamodb-inbound-store.js';
import { rawKeyOf } from '#email/ses-receipt.js';
import { LOCAL_REGION, localCredentials } from '#local/dynamodb.js';
import { loadHandler } from '#local/handler-modules.js';
import { RECEIVE_MAIL_MODULE, sesEvent, startSmtpServer } from '#local/smtp.js';
import { S3Bucket } from '#platform/adapters/s3-bucket.js';
import { pngBytes } from '../attachments/fixtures.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { encodedWord, rawMail, singleByte } from './fixtures.js';

/**
 * The e-mail channel end to end (docs/inbound-mail.md): mails sent with nodemailer through the
 * real local SMTP server, stored raw in the local S3 bucket, handled by the same handler SES
 * invokes, and observed the way people observe them: tickets and messages through the API,
 * acknowledgements in the SES emulator.
 */
let rt: TestRuntime;
let transport: Transporter;

interface CapturedMail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  replyTo?: string[];
  attachments?: unknown[];
}

const unique = () => randomBytes(4).toString('hex');

const send = async (mail: SendMailOptions & { envelope?: { from: string; to: string[] } }) => {
  const info = await transport.sendMail({ to: 'support@helpdesk.example', ...mail });
  await rt.mailHandled();
  await rt.drained();
  return info;
};

const sendRaw = async (raw: Buffer, from: string) => {
  await transport.sendMail({ envelope: { from, to: ['support@helpdesk.example'] }, raw });
  await rt.mailHandled();
  await rt.drained();
};

const ticketsAbout = async (token: string, word: string) => {
  // Word search reads the search index, which the change stream keeps (docs/search.md).
  await rt.drained();
  const list = await call(`${rt.api}/tickets?q=${encodeURIComponent(word)}&limit=100`, { token });
  expect(list.status).toBe(200);
  return list.body.items as {
    id: string;
    reference: string;
    subject: string;
    channel: string;
    queue: string;
    status: string;
    requester: { email: string };
    description: string;
  }[];
};

const messagesOf = async (token: string, ticketId: string) => {
  const list = await call(`${rt.api}/tickets/${ticketId}/messages?limit=100`, { token });
  expect(list.status).toBe(200);
  return list.body.items as {
    body: string;
    channel: string;
    internal: boolean;
    createdAt: string;
    author: { name: string; role: string };
    original?: string;
    attachments?: { fileName: string }[];
  }[];
};

/**
 * The captured mails to `address` whose subject has every one of `words`. Other test files share
 * the SES emulator and their tables count references from the same start: a reference alone can
 * match another file's mail, so callers add a word unique to their ticket's subject.
 */
const inbound = () => new DynamoInboundMailStore(rt.db, rt.tableName);

const mailsTo = async (address: string, ...words: string[]): Promise<CapturedMail[]> => {
  const response = await fetch(`${rt.sesUrl}/store`);
  const store = (await response.json()) as { emails: CapturedMail[] };
  return store.emails.filter(
    (mail) =>
      mail.destination.to.some((to) => to.includes(address)) &&
      words.every((word) => mail.subject.includes(word)),
  );
};

let staff: string;
let client: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  transport = nodemailer.createTransport({
    host: rt.smtp.host,
    port: rt.smtp.port,
    secure: false,
    ignoreTLS: true,
  });
  staff = await rt.token('agent@helpdesk.example');
  client = await rt.token('client@acme.example');
});

afterAll(async () => {
  transport?.close();
  await rt?.stop();
});

describe('mail to support@helpdesk.example', () => {
  let ticket: { id: string; reference: string };
  const word = `printer${unique()}`;

  it('opens a ticket with channel email for a known client and acknowledges it with the reference', async () => {
    await send({
      from: 'Clara Client <client@acme.example>',
      subject: `The ${word} is on fire`,
      text: 'Floor 3, since this morning.',
    });
    const [found, ...more] = await ticketsAbout(staff, word);
    expect(more).toHaveLength(0);
    expect(found).toMatchObject({
      subject: `The ${word} is on fire`,
      channel: 'email',
      requester: { email: 'client@acme.example' },
      description: 'Floor 3, since this morning.',
    });
    ticket = { id: found?.id ?? '', reference: found?.reference ?? '' };
    // The client sees it in the portal as their own ticket.
    expect((await ticketsAbout(client, word)).map((t) => t.id)).toEqual([ticket.id]);
    const acknowledgements = await mailsTo('client@acme.example', ticket.reference, word);
    expect(acknowledgements).toHaveLength(1);
    expect(acknowledgements[0]?.subject).toContain(`[${ticket.reference}]`);
    // Answering it reaches the desk: Reply-To is the inbound address.
    expect(acknowledgements[0]?.replyTo).toEqual(['support@helpdesk.example']);
  });

  it('puts a reply to the acknowledgement on the same ticket, without the quoted history', async () => {
    await send({
      from: 'client@acme.example',
      subject: `Re: [${ticket.reference}] The ${word} is on fire`,
      inReplyTo: `<ticket.${ticket.id}.acknowledgement.created.0a1b2c3d4e5f@helpdesk.example>`,
      references: [`<ticket.${ticket.id}@helpdesk.example>`],
      text: `It is out now, but it smells.\n\nOn Mon, 2 Mar 2026 at 10:00, Help desk <helpdesk@helpdesk.example> wrote:\n> We received your request ${ticket.reference}.\n> Our team will answer soon.`,
    });
    expect(await ticketsAbout(staff, word)).toHaveLength(1);
    const messages = await messagesOf(staff, ticket.id);
    expect(messages.map((m) => m.body)).toEqual(['It is out now, but it smells.']);
    expect(messages[0]).toMatchObject({ channel: 'email', internal: false, author: { role: 'client' } });
    expect(messages[0]?.original).toContain('We received your request');
  });

  it('threads a reply by In-Reply-To alone, whatever its subject', async () => {
    await send({
      from: 'client@acme.example',
      subject: 'new subject line without any reference',
      inReplyTo: `<ticket.${ticket.id}.reply.01JQ.ab12cd34ef56@helpdesk.example>`,
      text: 'One more thing: the toner is empty too.',
    });
    const messages = await messagesOf(staff, ticket.id);
    expect(messages.map((m) => m.body)).toContain('One more thing: the toner is empty too.');
    expect(await ticketsAbout(staff, 'without any reference')).toHaveLength(0);
  });

  it("takes a staff member's reply as the agent's public answer, and #note as an internal note", async () => {
    await send({
      from: 'agent@helpdesk.example',
      subject: `Re: [${ticket.reference}] The ${word} is on fire`,
      text: 'A technician is on the way.\n\n-- \nAgnes Agent',
    });
    await send({
      from: 'agent@helpdesk.example',
      subject: `Re: [${ticket.reference}] The ${word} is on fire`,
      text: '#note\nThe client sounded worried; escalate if not fixed today.',
    });
    const staffView = await messagesOf(staff, ticket.id);
    expect(staffView.filter((m) => m.author.role === 'agent').map((m) => [m.body, m.internal])).toEqual([
      ['A technician is on the way.', false],
      ['The client sounded worried; escalate if not fixed today.', true],
    ]);
    const clientView = await messagesOf(client, ticket.id);
    expect(clientView.map((m) => m.body)).toContain('A technician is on the way.');
    expect(clientView.map((m) => m.body).join()).not.toContain('escalate');
    // The agent's public answer is mailed to the client like a portal reply.
    expect(
      (await mailsTo('client@acme.example', ticket.reference, word)).map((m) => m.body.text ?? '').join(),
    ).toContain('A technician is on the way.');
  });

  it('reopens the ticket when the client answers its proposed solution', async () => {
    const current = await call(`${rt.api}/tickets/${ticket.id}`, { token: staff });
    const resolved = await call(`${rt.api}/tickets/${ticket.id}/resolve`, {
      method: 'POST',
      token: staff,
      headers: { 'if-match': current.headers.get('etag') ?? '' },
      body: { message: 'Replaced the fuser unit.' },
    });
    expect(resolved.status).toBe(200);
    await send({
      from: 'client@acme.example',
      subject: `Re: [${ticket.reference}] solved?`,
      text: 'Still smoking, sorry.',
    });
    const after = await call(`${rt.api}/tickets/${ticket.id}`, { token: staff });
    expect(after.body.status).toBe('open');
    const history = await call(`${rt.api}/tickets/${ticket.id}/events?limit=100`, { token: staff });
    expect(history.body.items.map((e: { type: string }) => e.type)).toContain('ticket.reopened');
  });

  it('opens a follow-up ticket linked to a closed one when the client writes to it again', async () => {
    // Another client than above: each sender gets at most 5 automatic replies an hour.
    const tag = `followup${unique()}`;
    const globex = await rt.token('client@globex.example');
    await send({ from: 'client@globex.example', subject: `Badge reader ${tag}`, text: 'It beeps.' });
    const [first] = await ticketsAbout(staff, tag);
    const current = await call(`${rt.api}/tickets/${first?.id}`, { token: staff });
    const resolved = await call(`${rt.api}/tickets/${first?.id}/resolve`, {
      method: 'POST',
      token: staff,
      headers: { 'if-match': current.headers.get('etag') ?? '' },
      body: { message: 'New battery.' },
    });
    expect(resolved.status).toBe(200);
    const accepted = await call(`${rt.api}/tickets/${first?.id}/accept`, { method: 'POST', token: globex });
    expect(accepted.body.status).toBe('closed');
    await send({
      from: 'client@globex.example',
      subject: `Re: [${first?.reference}] Badge reader ${tag}`,
      text: 'It beeps again.',
    });
    // The closed ticket stays as it was; a new email ticket names it.
    const closed = await call(`${rt.api}/tickets/${first?.id}`, { token: staff });
    expect(closed.body.status).toBe('closed');
    const followUps = (await ticketsAbout(staff, tag)).filter((t) => t.id !== first?.id);
    expect(followUps).toHaveLength(1);
    const followUp = await call(`${rt.api}/tickets/${followUps[0]?.id}`, { token: globex });
    expect(followUp.body).toMatchObject({
      followUpOf: first?.id,
      channel: 'email',
      description: 'It beeps again.',
    });
  });
});

describe('charsets and formats', () => {
  it('reads a German ISO-8859-1 mail and a Polish Windows-1250 mail with encoded-word subjects', async () => {
    const tag = unique();
    await sendRaw(
      rawMail({
        from: 'client@acme.example',
        subject: `${encodedWord('Drucker läuft heiß', 'iso-8859-1')} g${tag}`,
        contentType: 'text/plain; charset=iso-8859-1',
        body: singleByte('Grüße: der Drucker im Büro ist überhitzt.', 'iso-8859-1'),
      }),
      'client@acme.example',
    );
    await sendRaw(
      rawMail({
        from: 'client@acme.example',
        subject: `${encodedWord('Drukarka się grzeje', 'windows-1250')} p${tag}`,
        contentType: 'text/plain; charset=windows-1250',
        body: singleByte('Dzień dobry, drukarka w biurze jest gorąca.', 'windows-1250'),
      }),
      'client@acme.example',
    );
    const [german] = await ticketsAbout(staff, `g${tag}`);
    expect(german).toMatchObject({
      subject: `Drucker läuft heiß g${tag}`,
      description: 'Grüße: der Drucker im Büro ist überhitzt.',
    });
    const [polish] = await ticketsAbout(staff, `p${tag}`);
    expect(polish).toMatchObject({
      subject: `Drukarka się grzeje p${tag}`,
      description: 'Dzień dobry, drukarka w biurze jest gorąca.',
    });
  });

  it('turns an HTML-only mail into readable text', async () => {
    const tag = `html${unique()}`;
    await send({
      from: 'client@acme.example',
      subject: `VPN ${tag}`,
      html: '<p>Hello,</p><p>the <b>VPN</b> drops every hour.</p>',
    });
    const [found] = await ticketsAbout(staff, tag);
    expect(found?.description).toContain('the VPN drops every hour.');
    expect(found?.description).not.toContain('<');
  });

  it('attaches the files of a mail to the ticket, and the acknowledgement lists them by name and size', async () => {
    const tag = `files${unique()}`;
    await send({
      from: 'client@acme.example',
      subject: `Logs ${tag}`,
      text: 'Logs attached.',
      attachments: [
        { filename: 'error.log', content: 'line 1\nline 2\n', contentType: 'text/plain' },
        { filename: 'screen.png', content: pngBytes, contentType: 'image/png' },
      ],
    });
    const [found] = await ticketsAbout(staff, tag);
    const messages = await messagesOf(client, found?.id ?? '');
    expect(messages.flatMap((m) => m.attachments ?? []).map((a) => a.fileName)).toEqual([
      'error.log',
      'screen.png',
    ]);
    // One acknowledgement, listing both files (name and size, a link to the ticket), never the bytes.
    const [acknowledgement, ...more] = await mailsTo('client@acme.example', found?.reference ?? 'none', tag);
    expect(more).toHaveLength(0);
    const text = acknowledgement?.body.text ?? '';
    expect(text).toContain('Attached files (open them on the ticket in the portal):');
    expect(text).toContain('- error.log (14 B): ');
    expect(text).toContain(`- screen.png (${pngBytes.length} B): `);
    expect(acknowledgement?.body.html).toContain(`>screen.png</a> (${pngBytes.length} B)`);
    expect(acknowledgement?.attachments ?? []).toHaveLength(0);
    // The queue's agents are told of the new ticket with the same list, never the bytes either.
    const [told, ...again] = (
      await mailsTo('agent@helpdesk.example', found?.reference ?? 'none', tag)
    ).filter((mail) => mail.subject.includes('New ticket'));
    expect(again).toHaveLength(0);
    expect(told?.body.text).toContain('Attached files (open them on the ticket in the portal):');
    expect(told?.body.text).toContain('- error.log (14 B): ');
    expect(told?.body.text).toContain(`- screen.png (${pngBytes.length} B): `);
    expect(told?.attachments ?? []).toHaveLength(0);
  });
});

describe('loops and bounces', () => {
  it('opens a ticket for an auto-reply but sends no acknowledgement', async () => {
    const tag = `ooo${unique()}`;
    await send({
      from: 'client@acme.example',
      subject: `Out of office ${tag}`,
      text: 'I am away until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    const [found] = await ticketsAbout(staff, tag);
    expect(found?.channel).toBe('email');
    expect(await mailsTo('client@acme.example', found?.reference ?? 'none', tag)).toHaveLength(0);
  });

  it('records a delivery report as an internal event of the ticket it bounced from', async () => {
    const tag = `bounce${unique()}`;
    await send({ from: 'client@acme.example', subject: `Bounce me ${tag}`, text: 'Please help.' });
    const [found] = await ticketsAbout(staff, tag);
    const boundary = `dsn${unique()}`;
    await sendRaw(
      rawMail({
        from: 'Mail Delivery System <MAILER-DAEMON@mx.acme.example>',
        subject: 'Undelivered Mail Returned to Sender',
        contentType: `multipart/report; report-type=delivery-status; boundary="${boundary}"`,
        body: [
          `--${boundary}`,
          'Content-Type: text/plain',
          '',
          'Your message could not be delivered.',
          `--${boundary}`,
          'Content-Type: message/delivery-status',
          '',
          'Final-Recipient: rfc822; client@acme.example',
          'Action: failed',
          'Status: 5.2.2',
          'Diagnostic-Code: smtp; 552 mailbox full',
          `--${boundary}`,
          'Content-Type: text/rfc822-headers',
          '',
          `Message-ID: <ticket.${found?.id}.acknowledgement.created.0a1b2c3d4e5f@helpdesk.example>`,
          `Subject: [${found?.reference}] Bounce me`,
          `--${boundary}--`,
          '',
        ].join('\r\n'),
      }),
      '',
    );
    const staffView = await messagesOf(staff, found?.id ?? '');
    const note = staffView.find((m) => m.internal);
    expect(note?.body).toContain('Status: 5.2.2');
    expect(note?.author.name).toBe('Mail delivery');
    expect((await messagesOf(client, found?.id ?? '')).some((m) => m.body.includes('5.2.2'))).toBe(false);
    // No ticket was opened from the report: a word search now also finds the note on this one.
    const matches = await ticketsAbout(staff, 'Undelivered Mail');
    expect(matches.filter((ticket) => ticket.id !== found?.id)).toEqual([]);
  });
});

describe('senders', () => {
  it('makes a sender of an organisation domain a client contact of it', async () => {
    const tag = `contact${unique()}`;
    const address = `new.person.${tag}@acme.example`;
    await send({ from: `New Person <${address}>`, subject: `Access ${tag}`, text: 'I need an account.' });
    const [found] = await ticketsAbout(staff, tag);
    expect(found).toMatchObject({ requester: { email: address }, queue: 'general' });
    // A colleague of the same organisation sees it in the portal.
    expect(await ticketsAbout(client, tag)).toHaveLength(1);
    expect(await mailsTo(address, found?.reference ?? 'none')).toHaveLength(1);
  });

  it('puts mail from an unknown domain in the triage queue when admins chose triage', async () => {
    await inbound().putSettings({ unknownSenders: 'triage' });
    const tag = `stranger${unique()}`;
    await send({
      from: `stranger@${tag}.example`,
      subject: `Question ${tag}`,
      text: 'Do you sell printers?',
    });
    const [found] = await ticketsAbout(staff, tag);
    expect(found).toMatchObject({ queue: 'triage', channel: 'email' });
    expect(await ticketsAbout(client, tag)).toHaveLength(0);
  });

  it('answers politely and opens nothing when admins chose reject', async () => {
    await inbound().putSettings({ unknownSenders: 'reject' });
    const tag = `rejected${unique()}`;
    await send({ from: `someone@${tag}.example`, subject: `Offer ${tag}`, text: 'Cheap toner!' });
    expect(await ticketsAbout(staff, tag)).toHaveLength(0);
    const answers = await mailsTo(`someone@${tag}.example`, tag);
    expect(answers).toHaveLength(1);
    expect(answers[0]?.body.text).toContain('could not match your address');
    await inbound().putSettings({ unknownSenders: 'triage' });
  });
});

describe('the SMTP server', () => {
  it('refuses mail for other mailboxes (550) and over 25 MB (552), and stores nothing then', async () => {
    await expect(
      transport.sendMail({
        from: 'client@acme.example',
        to: 'nobody@helpdesk.example',
        subject: 'x',
        text: 'x',
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
    const tag = `huge${unique()}`;
    await expect(
      transport.sendMail({
        from: 'client@acme.example',
        to: 'support@helpdesk.example',
        subject: `Huge ${tag}`,
        text: 'see attachment',
        attachments: [{ filename: 'big.bin', content: Buffer.alloc(26 * 1024 * 1024, 7) }],
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    await rt.mailHandled();
    expect(await ticketsAbout(staff, tag)).toHaveLength(0);
  });

  it('answers 451, never 250, when it cannot store the message', async () => {
    // A second server whose storage does not answer (nothing listens on port 1).
    const server = await startSmtpServer({
      port: 0,
      recipients: ['support@helpdesk.example'],
      s3Endpoint: 'http://127.0.0.1:1',
      bucket: rt.attachmentsBucket,
    });
    const sender = nodemailer.createTransport({ host: server.host, port: server.port, ignoreTLS: true });
    try {
      await expect(
        sender.sendMail({
          from: 'client@acme.example',
          to: 'support@helpdesk.example',
          subject: 'x',
          text: 'x',
        }),
      ).rejects.toMatchObject({ responseCode: 451 });
      await server.settled();
      expect(server.failures()).toEqual([]);
    } finally {
      sender.close();
      await server.stop();
    }
  });
});

describe('the dead-letter list', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await rt.token('admin@helpdesk.example');
  });
  const deadLetters = async () => {
    const list = await call(`${rt.api}/inbound-mail/dead-letters?limit=100`, { token: admin });
    expect(list.status).toBe(200);
    return list.body.items as {
      id: string;
      from: string;
      subject: string | null;
      rawKey: string;
      reason: string;
      attempts: number;
      verdicts?: Record<string, string>;
    }[];
  };

  it('keeps a mail it cannot process with the reason, and a retry that still fails updates it', async () => {
    const tag = `staffless${unique()}`;
    await send({ from: 'agent@helpdesk.example', subject: `Hello ${tag}`, text: 'Which ticket?' });
    const [kept] = (await deadLetters()).filter((letter) => letter.subject?.includes(tag));
    expect(kept).toMatchObject({ from: 'agent@helpdesk.example', attempts: 1 });
    expect(kept?.reason).toContain('answers no ticket');
    const retried = await call(`${rt.api}/inbound-mail/dead-letters/${kept?.id}/retry`, {
      method: 'POST',
      token: admin,
    });
    expect(retried.body).toMatchObject({ outcome: 'dead-letter', id: kept?.id });
    expect((await deadLetters()).find((letter) => letter.id === kept?.id)?.attempts).toBe(2);
    expect(
      (
        await call(`${rt.api}/inbound-mail/dead-letters/01JQZZZZZZZZZZZZZZZZZZZZZZ/retry`, {
          method: 'POST',
          token: admin,
        })
      ).status,
    ).toBe(404);
  });

  it("keeps a deactivated person's mail for the admins instead of writing it as theirs; reactivated, a retry writes it", async () => {
    const tag = `leaver${unique()}`;
    const invite = async (email: string, role: string, orgId?: string) => {
      const invited = await call(`${rt.api}/users`, {
        method: 'POST',
        token: admin,
        body: { email, name: `Leaver ${tag}`, role, ...(orgId ? { orgId } : {}) },
      });
      expect(invited.status).toBe(201);
      return invited.body.id as string;
    };
    const setActive = async (id: string, active: boolean) => {
      const patched = await call(`${rt.api}/users/${id}`, {
        method: 'PATCH',
        token: admin,
        body: { active },
      });
      expect(patched.status).toBe(200);
    };
    const agentAddress = `agent.${tag}@helpdesk.example`;
    const clientAddress = `client.${tag}@acme.example`;
    const agentId = await invite(agentAddress, 'agent');
    const clientId = await invite(clientAddress, 'client', 'acme');
    const opened = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: client,
      body: { subject: `Scanner ${tag}`, description: 'It scans blank pages.' },
    });
    expect(opened.status).toBe(201);
    await setActive(agentId, false);
    await setActive(clientId, false);

    await send({
      from: agentAddress,
      subject: `Re: [${opened.body.reference}] Scanner ${tag}`,
      text: 'Written after I left.',
    });
    const copier = `copier${unique()}`;
    await send({ from: clientAddress, subject: `New ${copier} ${tag}`, text: 'Also after I left.' });

    const kept = (await deadLetters()).filter((letter) => letter.subject?.includes(tag));
    expect(kept.map((letter) => [letter.from, letter.reason])).toEqual(
      expect.arrayContaining([
        [agentAddress, expect.stringContaining('deactivated')],
        [clientAddress, expect.stringContaining('deactivated')],
      ]),
    );
    expect(kept).toHaveLength(2);
    expect(await messagesOf(staff, opened.body.id)).toEqual([]);
    expect(await ticketsAbout(staff, copier)).toEqual([]);

    await setActive(agentId, true);
    const letter = kept.find((entry) => entry.from === agentAddress);
    const retried = await call(`${rt.api}/inbound-mail/dead-letters/${letter?.id}/retry`, {
      method: 'POST',
      token: admin,
    });
    expect(retried.status).toBe(200);
    expect((await messagesOf(staff, opened.body.id)).map((m) => [m.body, m.author.name])).toEqual([
      ['Written after I left.', `Leaver ${tag}`],
    ]);
  });

  it("keeps a mail SES judged spam or a virus, recording SES's verdicts, and opens nothing", async () => {
    const tag = `spam${unique()}`;
    const messageId = `spam${unique()}${unique()}`;
    const storage = new S3Bucket({
      bucket: rt.attachmentsBucket,
      endpoint: rt.s3Endpoint,
      env: {
        AWS_REGION: LOCAL_REGION,
        AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      },
    });
    await storage.put(
      rawKeyOf(messageId),
      rawMail({ from: 'client@acme.example', subject: `Cheap pills ${tag}`, body: 'Buy now.' }),
      'message/rfc822',
    );
    // As SES's receipt rule invokes the function in the cloud, with its verdicts.
    const receive =
      await loadHandler<(event: SESEvent, context: { awsRequestId: string }) => Promise<void>>(
        RECEIVE_MAIL_MODULE,
      );
    await receive(
      sesEvent({
        messageId,
        from: 'client@acme.example',
        recipients: ['support@helpdesk.example'],
        at: new Date(),
        bucket: rt.attachmentsBucket,
        verdicts: { spam: 'FAIL', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
      }),
      { awsRequestId: messageId },
    );
    const [kept, ...more] = (await deadLetters()).filter((letter) => letter.rawKey === rawKeyOf(messageId));
    expect(more).toHaveLength(0);
    // Listed with its sender and subject, so admins can tell what it was.
    expect(kept).toMatchObject({
      from: 'client@acme.example',
      subject: `Cheap pills ${tag}`,
      reason: expect.stringContaining('spam'),
      verdicts: { spam: 'FAIL', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
    });
    expect(await ticketsAbout(staff, tag)).toHaveLength(0);
  });

  it("holds a sender over the admins' mails per hour there, answers only so often, and a retry processes the mail", async () => {
    // The admins' limits (defaults 30 mails and 5 automatic answers an hour), set low to stay quick.
    await inbound().putSettings({
      unknownSenders: 'triage',
      mailsPerSenderPerHour: 5,
      autoRepliesPerHour: 2,
    });
    try {
      const tag = `flood${unique()}`;
      const sender = `flood.${tag}@globex.example`;
      for (let n = 1; n <= 6; n++) {
        await transport.sendMail({
          from: sender,
          to: 'support@helpdesk.example',
          subject: `Flood ${tag} ${n}`,
          text: `Mail ${n}`,
        });
      }
      await rt.mailHandled();
      await rt.drained();
      expect(await ticketsAbout(staff, tag)).toHaveLength(5);
      // Two acknowledgements at most within the hour.
      expect(await mailsTo(sender, 'HD-')).toHaveLength(2);
      const [held] = (await deadLetters()).filter((letter) => letter.subject?.includes(tag));
      expect(held?.reason).toContain('more than 5 mails');
      const retried = await call(`${rt.api}/inbound-mail/dead-letters/${held?.id}/retry`, {
        method: 'POST',
        token: admin,
      });
      expect(retried.body).toMatchObject({ outcome: 'created' });
      expect(await ticketsAbout(staff, tag)).toHaveLength(6);
      expect((await deadLetters()).some((letter) => letter.id === held?.id)).toBe(false);
    } finally {
      await inbound().putSettings({ unknownSenders: 'triage' });
    }
  }, 120_000);

  it('keeps the per-sender limits admins save, and refuses limits out of range naming the field', async () => {
    const saved = await call(`${rt.api}/inbound-mail/settings`, {
      method: 'PUT',
      token: admin,
      body: { unknownSenders: 'triage', mailsPerSenderPerHour: 50, autoRepliesPerHour: 3 },
    });
    expect(saved.status).toBe(200);
    expect((await call(`${rt.api}/inbound-mail/settings`, { token: admin })).body).toEqual({
      unknownSenders: 'triage',
      mailsPerSenderPerHour: 50,
      autoRepliesPerHour: 3,
    });
    const refused = await call(`${rt.api}/inbound-mail/settings`, {
      method: 'PUT',
      token: admin,
      body: { unknownSenders: 'triage', mailsPerSenderPerHour: 0 },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('mailsPerSenderPerHour');
    await inbound().putSettings({ unknownSenders: 'triage' });
    expect((await call(`${rt.api}/inbound-mail/settings`, { token: admin })).body).toEqual({
      unknownSenders: 'triage',
    });
  });
});

describe('other channels on the same ticket', () => {
  it('lets staff log a phone call and a chat on a mail ticket, each message keeping its channel; clients may not', async () => {
    const tag = `calls${unique()}`;
    await send({ from: 'client@acme.example', subject: `Printer ${tag}`, text: 'It jams.' });
    const [found] = await ticketsAbout(staff, tag);
    for (const channel of ['phone', 'chat'] as const) {
      const logged = await call(`${rt.api}/tickets/${found?.id}/messages`, {
        method: 'POST',
        token: staff,
        body: { body: `Talked it through (${channel})`, channel },
      });
      expect(logged.status).toBe(201);
    }
    const refused = await call(`${rt.api}/tickets/${found?.id}/messages`, {
      method: 'POST',
      token: client,
      body: { body: 'I called too', channel: 'phone' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'channel' })]);
    const messages = await messagesOf(client, found?.id ?? '');
    expect(messages.map((m) => m.channel)).toEqual(['phone', 'chat']);
    const ticket = await call(`${rt.api}/tickets/${found?.id}`, { token: staff });
    expect(ticket.body.channel).toBe('email');
    // A logged call is the first response (docs/reports.md "Definitions"): before the chat.
    const respondedAt = Date.parse(ticket.body.sla.firstRespondedAt);
    expect(respondedAt).toBeLessThan(Date.parse(messages[1]?.createdAt ?? ''));
  });
});
