import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundDeps } from '#email/use-cases/deps.js';
import { receiveMail } from '#email/use-cases/receive-mail.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * A corpus of generated malformed and hostile messages (docs/inbound-mail.md, Nothing lost):
 * broken headers, boundaries and encodings, header injection, odd sizes, 1,000 nested parts.
 * Each goes through the real handler on DynamoDB Local and the local S3 server: it never
 * throws, every message is processed or kept in the dead-letter list, and the product stays
 * healthy (the SMTP server too: a sample goes through it).
 */
let rt: TestRuntime;
let deps: InboundDeps;

beforeAll(async () => {
  rt = await startTestRuntime();
  // The handler's wiring reads the environment the runtime set.
  ({ inboundDeps: deps } = await import('#functions/wiring/inbound-mail.js'));
});
afterAll(() => rt?.stop());

const CRLF = '\r\n';
const headerName = fc.constantFrom(
  'From',
  'To',
  'Subject',
  'Message-ID',
  'In-Reply-To',
  'References',
  'Content-Type',
  'Content-Transfer-Encoding',
  'Auto-Submitted',
  'Precedence',
  'List-Id',
  'Reply-To',
  'Date',
  'X-Weird',
  ' Folded',
  'Bad Header',
  '',
);
const nastyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.constantFrom(
    'x\r\nBcc: victim@evil.example',
    'Subject\r\n\r\n<script>alert(1)</script>',
    '=?utf-8?B?invalid base64!!?=',
    '=?unknown-charset?Q?=FF=FE?=',
    '=?iso-8859-2?Q?=B1=E6=EA?= =?windows-1250?Q?=9C=9F?=',
    '<ticket.01JQZZZZZZZZZZZZZZZZZZZZZZ@helpdesk.example>',
    '[HD-2026-999999] reference of no ticket',
    'a'.repeat(20_000),
    '\u0000\u0001\u0002',
    '"quoted \\"name\\"" <@>',
    'undisclosed-recipients:;',
    'mailer-daemon@x.example',
  ),
);
const fromAddress = fc.oneof(
  fc.constantFrom(
    'client@acme.example',
    'agent@helpdesk.example',
    'support@helpdesk.example',
    'nobody@nowhere',
    '<>',
    '',
    '"Evil" <evil@evil.example>, second@evil.example',
  ),
  fc.emailAddress(),
);
const contentType = fc.oneof(
  fc.constantFrom(
    'text/plain; charset=utf-8',
    'text/plain; charset=x-unknown',
    'text/plain; charset=utf-7',
    'text/html',
    'multipart/mixed',
    'multipart/mixed; boundary=',
    'multipart/alternative; boundary="b"',
    'multipart/report; report-type=delivery-status; boundary="b"',
    'message/rfc822',
    'application/octet-stream',
    'image/png; name="../../etc/passwd"',
  ),
  fc.string({ maxLength: 80 }),
);
const transferEncoding = fc.constantFrom(
  '7bit',
  '8bit',
  'base64',
  'quoted-printable',
  'x-uuencode',
  'binary',
  '',
);
const body = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ maxLength: 2000 }).map((text) => Buffer.from(text)),
  fc.constantFrom(
    Buffer.from('--b\r\nContent-Type: text/plain\r\n\r\nunterminated part'),
    Buffer.from('--b\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n--b--'),
    Buffer.from('=ZZ=\r\n=3D=\r\n==='),
    Buffer.from('!!!not base64!!!'),
    Buffer.from('begin 644 x\r\n`\r\nend'),
  ),
);

const hostileMail = fc
  .record({
    from: fromAddress,
    subject: nastyText,
    extra: fc.array(fc.tuple(headerName, nastyText), { maxLength: 8 }),
    contentType,
    transferEncoding,
    body,
    headerless: fc.boolean(),
  })
  .map(({ from, subject, extra, contentType, transferEncoding, body, headerless }) => {
    const headers = headerless
      ? extra.map(([name, value]) => `${name}: ${value}`)
      : [
          `From: ${from}`,
          'To: support@helpdesk.example',
          `Subject: ${subject}`,
          `Content-Type: ${contentType}`,
          `Content-Transfer-Encoding: ${transferEncoding}`,
          ...extra.map(([name, value]) => `${name}: ${value}`),
        ];
    return Buffer.concat([Buffer.from(headers.join(CRLF) + CRLF + CRLF), body]);
  });

/** 1,000 multiparts, each the only part of the one before. */
const nestedParts = (depth: number, from: string) => {
  const open = Array.from(
    { length: depth },
    (_, level) => `--n${level}${CRLF}Content-Type: multipart/mixed; boundary="n${level + 1}"${CRLF}${CRLF}`,
  ).join('');
  const close = Array.from({ length: depth }, (_, level) => `--n${depth - level}--${CRLF}`).join('');
  return Buffer.from(
    `From: ${from}${CRLF}To: support@helpdesk.example${CRLF}Subject: nested ${depth}${CRLF}Content-Type: multipart/mixed; boundary="n0"${CRLF}${CRLF}${open}--n${depth}${CRLF}Content-Type: text/plain${CRLF}${CRLF}deep inside${CRLF}${close}--n0--${CRLF}`,
  );
};

/** 1,000 sibling attachments. */
const manyParts = (count: number, from: string) =>
  Buffer.from(
    `From: ${from}${CRLF}To: support@helpdesk.example${CRLF}Subject: many ${count}${CRLF}Content-Type: multipart/mixed; boundary="m"${CRLF}${CRLF}--m${CRLF}Content-Type: text/plain${CRLF}${CRLF}see the files${CRLF}${Array.from(
      { length: count },
      (_, n) =>
        `--m${CRLF}Content-Type: text/plain; name="f${n}.txt"${CRLF}Content-Disposition: attachment; filename="f${n}.txt"${CRLF}${CRLF}file ${n}${CRLF}`,
    ).join('')}--m--${CRLF}`,
  );

const outcomes = new Map<string, number>();

const handle = async (raw: Buffer, envelopeFrom: string | null) => {
  const rawKey = `mail/corpus-${randomBytes(8).toString('hex')}`;
  await deps.raw.put(rawKey, raw);
  const outcome = await receiveMail(deps, {
    rawKey,
    receivedAt: new Date().toISOString(),
    envelope: { from: envelopeFrom, to: ['support@helpdesk.example'] },
  });
  outcomes.set(outcome.outcome, (outcomes.get(outcome.outcome) ?? 0) + 1);
  expect(['created', 'replied', 'bounce-recorded', 'rejected', 'ignored', 'dead-letter']).toContain(
    outcome.outcome,
  );
  if (outcome.outcome === 'dead-letter') {
    const kept = await deps.inbound.getDeadLetter(outcome.id);
    expect(kept?.rawKey).toBe(rawKey);
    expect(kept?.reason.length).toBeGreaterThan(0);
  }
  return outcome;
};

describe('a hostile corpus', () => {
  it('processes or keeps each of 200 generated messages, never throwing', async () => {
    await fc.assert(
      fc.asyncProperty(hostileMail, fc.option(fromAddress, { nil: null }), async (raw, envelopeFrom) => {
        await handle(raw, envelopeFrom);
      }),
      { numRuns: 200, seed: 20260302 },
    );
    // Both sides were exercised: some became tickets or replies, some were kept.
    expect(outcomes.get('dead-letter') ?? 0).toBeGreaterThan(0);
    expect([...outcomes.values()].reduce((sum, n) => sum + n, 0)).toBe(200);
  }, 600_000);

  it('keeps a message of 1,000 nested parts or 1,000 attachments, and reads one of 60 files', async () => {
    // Senders of their own: the corpus above used up the demo client's 30 mails of the hour.
    const deep = `deep.${randomBytes(3).toString('hex')}@acme.example`;
    const nested = await handle(nestedParts(1000, deep), deep);
    expect(['created', 'dead-letter']).toContain(nested.outcome);
    const wide = `wide.${randomBytes(3).toString('hex')}@acme.example`;
    const many = await handle(manyParts(1000, wide), wide);
    // mailparser refuses a message of more parts than it allows (a bomb): kept for an admin, with the reason.
    expect(many).toMatchObject({ outcome: 'dead-letter', reason: expect.stringContaining('child nodes') });
    // A mail of 60 files becomes a ticket; its first 50 files are kept.
    const sixty = `sixty.${randomBytes(3).toString('hex')}@acme.example`;
    expect(await handle(manyParts(60, sixty), sixty)).toMatchObject({ outcome: 'created' });
  }, 300_000);

  it('stays healthy, and the SMTP server answers every sample and still takes a good mail', async () => {
    const transport = nodemailer.createTransport({ host: rt.smtp.host, port: rt.smtp.port, ignoreTLS: true });
    const samples = fc.sample(hostileMail, { numRuns: 20, seed: 7 });
    for (const raw of samples) {
      await transport
        .sendMail({ envelope: { from: 'fuzz@fuzz.example', to: ['support@helpdesk.example'] }, raw })
        .catch((error: { responseCode?: number }) => expect(error.responseCode).toBeGreaterThanOrEqual(400));
    }
    const tag = `healthy${randomBytes(3).toString('hex')}`;
    await transport.sendMail({
      from: 'client@acme.example',
      to: 'support@helpdesk.example',
      subject: `Still ${tag}`,
      text: 'ok',
    });
    transport.close();
    await rt.mailHandled();
    const staff = await rt.token('agent@helpdesk.example');
    await rt.drained(); // word search reads the search index the change stream keeps
    const list = await call(`${rt.api}/tickets?q=${tag}`, { token: staff });
    expect(list.body.items).toHaveLength(1);
    const health = await call(`${rt.api}/health`);
    // 503 only for the SLA scheduler, which the test runtime does not run: the table and mail are up.
    expect(health.body.checks.table.status).toBe('ok');
    expect(health.body.checks.mail.status).toBe('ok');
  }, 300_000);
});
