import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * The automation's `sendMail` and `callWebhook` on the local runtime (docs/automation.md): the
 * rule's template arrives in the SES emulator, the ticket event at a receiver on this machine,
 * signed, each exactly once per rule application.
 */
interface CapturedMail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let rt: TestRuntime;
let admin: string;
let server: Server;
let receiverUrl: string;
const received: Received[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const mailsAbout = async (token: string): Promise<CapturedMail[]> => {
  const store = (await (await fetch(`${rt.sesUrl}/store`)).json()) as { emails: CapturedMail[] };
  return store.emails.filter((mail) => mail.subject.includes(token));
};

const until = async (check: () => Promise<boolean> | boolean, what: string) => {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} within 15 s`);
    await sleep(100);
  }
};

const verify = (secret: string, headers: IncomingHttpHeaders, body: string): boolean => {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key)
    .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`)
    .digest('base64');
  return String(headers['webhook-signature']).split(' ').includes(`v1,${expected}`);
};

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rules`;
  rt = await startTestRuntime();
  admin = await rt.token('admin@helpdesk.example');
});

afterAll(async () => {
  await rt?.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('rule actions', () => {
  it('sends the rule template to the requester and calls the webhook, each once', async () => {
    const template = await call(`${rt.api}/mail-templates/rule.vip-welcome/en`, {
      method: 'PUT',
      token: admin,
      body: {
        subject: 'Welcome, VIP: {{ticketSubject}}',
        body: 'Dear {{requesterName}},\n\nyour request {{reference}} is {{status}} and goes first.',
      },
    });
    expect(template.status).toBe(200);
    // Only staff-scoped hooks and message events: the rule calls it for a new ticket all the same.
    const hook = await call(`${rt.api}/webhooks`, {
      method: 'POST',
      token: admin,
      body: { url: receiverUrl, events: ['sla.breached'] },
    });
    expect(hook.status).toBe(201);
    const token = randomBytes(5).toString('hex');
    const rules = await call(`${rt.api}/automation/rules`, {
      method: 'PUT',
      token: admin,
      body: {
        rules: [
          {
            id: 'vip',
            name: 'VIP welcome',
            when: ['ticket.created'],
            if: { all: [{ field: 'subject', op: 'contains', value: token }] },
            then: [
              { action: 'sendMail', template: 'rule.vip-welcome', to: 'requester' },
              { action: 'callWebhook', webhookId: hook.body.id },
            ],
          },
        ],
      },
    });
    expect(rules.status).toBe(200);

    const created = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: await rt.token('client@acme.example'),
      body: { subject: `Contract renewal ${token}`, description: 'Our VIP contract' },
    });
    expect(created.status).toBe(201);

    await until(async () => (await mailsAbout(`VIP: Contract renewal ${token}`)).length > 0, 'No rule mail');
    await until(() => received.some((r) => r.body.includes(token)), 'No webhook call');
    await rt.drained();
    await sleep(500);

    const mails = await mailsAbout(`VIP: Contract renewal ${token}`);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(`[${created.body.reference}] Welcome, VIP: Contract renewal ${token}`);
    expect(mails[0]?.destination.to).toEqual(['"Alice Acme" <client@acme.example>']);
    expect(mails[0]?.body.text).toContain(
      `Dear Alice Acme,\n\nyour request ${created.body.reference} is new`,
    );

    const calls = received.filter((r) => r.body.includes(token));
    expect(calls).toHaveLength(1);
    const call0 = calls[0] as Received;
    expect(verify(hook.body.secret, call0.headers, call0.body)).toBe(true);
    const payload = JSON.parse(call0.body);
    expect(payload).toMatchObject({ type: 'ticket.created', data: { ticket: { id: created.body.id } } });
    expect(call0.headers['webhook-id']).toBe(payload.id);

    const events = await call(`${rt.api}/tickets/${created.body.id}/events?limit=100`, { token: admin });
    const requested = events.body.items.filter((e: { type: string }) => e.type === 'automation.requested');
    expect(requested).toHaveLength(1);
    expect(requested[0].note).toBe('by rule VIP welcome: sendMail, callWebhook');

    const deliveries = await call(`${rt.api}/webhooks/${hook.body.id}/deliveries`, { token: admin });
    expect(deliveries.body.items).toHaveLength(1);
    expect(deliveries.body.items[0]).toMatchObject({ status: 'delivered', id: payload.id });
  });

  it('mails the built-in rule text in the assignee’s language when no template was written', async () => {
    const token = randomBytes(5).toString('hex');
    const current = await call(`${rt.api}/automation/rules`, { token: admin });
    const saved = await call(`${rt.api}/automation/rules`, {
      method: 'PUT',
      token: admin,
      headers: { 'if-match': current.headers.get('etag') ?? '' },
      body: {
        rules: [
          {
            id: 'urgent',
            name: 'Urgent heads-up',
            when: ['ticket.created'],
            if: { all: [{ field: 'subject', op: 'contains', value: token }] },
            then: [
              { action: 'set', field: 'assignee', value: 'user-agent2' },
              { action: 'sendMail', template: 'heads-up', to: 'assignee' },
            ],
          },
        ],
      },
    });
    expect(saved.status).toBe(200);
    const created = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: await rt.token('client@acme.example'),
      body: { subject: `Server down ${token}`, description: 'All of it' },
    });
    expect(created.status).toBe(201);

    await until(
      async () =>
        (await mailsAbout(token)).some((m) => m.destination.to.some((to) => to.includes('agent2@'))),
      'No mail to the assignee',
    );
    await rt.drained();
    const toAssignee = (await mailsAbout(token)).filter((m) =>
      m.destination.to.some((to) => to.includes('agent2@')),
    );
    const ruleMails = toAssignee.filter((m) => m.subject.includes(`Aktualizacja: Server down ${token}`));
    expect(ruleMails).toHaveLength(1);
    expect(ruleMails[0]?.body.text).toContain(`Mamy nowe informacje w zgłoszeniu ${created.body.reference}.`);
  });
});
