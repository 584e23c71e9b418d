import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * Change-driven mail through the local stack: the routes write, the local change stream hands
 * the ticket's events to the `mail` consumer, the SES emulator captures what it sends. Mail is
 * asynchronous by design, so a test waits for it (up to 5 s).
 */
interface CapturedMail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string };
}

let rt: TestRuntime;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Mails to the requester (the demo client) about the ticket whose subject carries this token:
 * the run's SES emulator is shared by all test files, whose tables number their tickets alike,
 * and agents are mailed about the same tickets by their own consumer.
 */
const mailsAbout = async (token: string): Promise<CapturedMail[]> => {
  const response = await fetch(`${rt.sesUrl}/store`);
  const store = (await response.json()) as { emails: CapturedMail[] };
  return store.emails.filter(
    (mail) =>
      mail.subject.includes(token) && mail.destination.to.some((to) => to.includes('client@acme.example')),
  );
};

/** Waits up to 5 s until `count` mails about the ticket exist, then lets a duplicate show up if one would. */
const waitForMails = async (token: string, count: number): Promise<CapturedMail[]> => {
  const deadline = Date.now() + 5000;
  while ((await mailsAbout(token)).length < count) {
    if (Date.now() > deadline) throw new Error(`Fewer than ${count} mails about ${token} within 5 s`);
    await sleep(100);
  }
  await rt.drained();
  return mailsAbout(token);
};

const kinds = (mails: CapturedMail[]) =>
  mails.map((mail) => mail.subject.replace(/^\[HD-\d{4}-\d+\] /, '').split(':')[0]).sort();

/** Opens a ticket whose subject ends in a token of its own; `token` finds its mails. */
const openTicket = async (subject: string) => {
  const token = randomBytes(5).toString('hex');
  const created = await call(`${rt.api}/tickets`, {
    method: 'POST',
    token: await rt.token('client@acme.example'),
    body: { subject: `${subject} ${token}`, description: 'It smells of smoke' },
  });
  expect(created.status).toBe(201);
  return { ...(created.body as { id: string; reference: string }), token };
};

beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(async () => {
  await rt.stop();
});

describe('change-driven mail through the local stack', () => {
  it('acknowledges a new ticket within 5 s of the response, once', async () => {
    const ticket = await openTicket('Printer on fire');

    const mails = await waitForMails(ticket.token, 1);

    expect(kinds(mails)).toEqual(['We have received your request']);
    expect(mails[0]?.destination.to).toEqual(['"Alice Acme" <client@acme.example>']);
  });

  it('forwards a staff reply and sends the proposed solution, each once, never an internal note', async () => {
    const agent = await rt.token('agent@helpdesk.example');
    const ticket = await openTicket('Scanner jammed');
    const post = (path: string, body: unknown) =>
      call(`${rt.api}/tickets/${ticket.id}${path}`, { method: 'POST', token: agent, body });

    expect((await post('/messages', { body: 'Open the lid, please.' })).status).toBe(201);
    expect((await post('/messages', { body: 'Same as last week', internal: true })).status).toBe(201);
    expect((await post('/resolve', { message: 'Removed a paper clip.' })).status).toBe(200);
    const mails = await waitForMails(ticket.token, 3);

    expect(kinds(mails)).toEqual([
      'New reply to your request',
      'Solution proposed for your request',
      'We have received your request',
    ]);
    const text = mails.map((mail) => mail.body.text ?? '').join('\n');
    expect(text).toContain('Open the lid, please.');
    expect(text).toContain('Removed a paper clip.');
    expect(text).not.toContain('Same as last week');
  });

  it('sends the acknowledgement of a ticket created while the mail consumer was down once it is back, once', async () => {
    // The stack stops; a create is answered by a stack that runs no stream consumers.
    await rt.stop();
    rt = await startTestRuntime({ stream: false });
    const ticket = await openTicket('Created while mail was down');
    await sleep(1000);
    expect(await mailsAbout(ticket.token)).toEqual([]);
    await rt.stop();

    // Started again: the stream resumes where it stopped.
    rt = await startTestRuntime();
    const mails = await waitForMails(ticket.token, 1);

    expect(kinds(mails)).toEqual(['We have received your request']);
  });
});
