import { randomBytes } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * Moving a triage ticket to an organisation (docs/inbound-mail.md): mail from an unknown sender
 * opens a ticket in the `triage` organisation; staff name the organisation it belongs to with
 * `PATCH /tickets/{id}` `orgId`, the history records it, that organisation's clients see the
 * ticket, and the sender is its client contact from then on.
 */
let rt: TestRuntime;
let transport: Transporter;
let agent: string;
let acmeClient: string;
let globexClient: string;

const unique = () => randomBytes(4).toString('hex');

interface TicketJson {
  id: string;
  reference: string;
  orgId: string;
  queue: string;
  version: number;
}

const mailIn = async (from: string, subject: string, text: string) => {
  await transport.sendMail({ to: 'support@helpdesk.example', from, subject, text });
  await rt.mailHandled();
  await rt.drained();
};

const ticketsAbout = async (word: string): Promise<TicketJson[]> => {
  await rt.drained();
  const list = await call(`${rt.api}/tickets?q=${encodeURIComponent(word)}&limit=100`, { token: agent });
  expect(list.status).toBe(200);
  return list.body.items;
};

/** A fresh ticket from an unknown sender, in triage. */
const triageTicket = async () => {
  const tag = `stranger${unique()}`;
  const sender = `someone@${tag}.example`;
  await mailIn(sender, `Printer question ${tag}`, 'Which toner fits the LX-300?');
  const [ticket] = await ticketsAbout(tag);
  expect(ticket).toMatchObject({ orgId: 'triage', queue: 'triage' });
  return { ticket: ticket as TicketJson, sender, tag };
};

const patch = (token: string, ticket: TicketJson, body: unknown) =>
  call(`${rt.api}/tickets/${ticket.id}`, {
    method: 'PATCH',
    token,
    body,
    headers: { 'if-match': `"${ticket.version}"` },
  });

beforeAll(async () => {
  rt = await startTestRuntime();
  transport = nodemailer.createTransport({
    host: rt.smtp.host,
    port: rt.smtp.port,
    secure: false,
    ignoreTLS: true,
  });
  agent = await rt.token('agent@helpdesk.example');
  acmeClient = await rt.token('client@acme.example');
  globexClient = await rt.token('client@globex.example');
});

afterAll(async () => {
  transport?.close();
  await rt?.stop();
});

describe('moving a triage ticket to an organisation', () => {
  it('lets staff move it: history records it, the organisation sees it, the sender is its contact', async () => {
    const { ticket, sender } = await triageTicket();
    expect((await call(`${rt.api}/tickets/${ticket.id}`, { token: globexClient })).status).toBe(404);

    const moved = await patch(agent, ticket, { orgId: 'globex' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ orgId: 'globex', version: ticket.version + 1 });

    const events = await call(`${rt.api}/tickets/${ticket.id}/events?limit=100`, { token: agent });
    const update = events.body.items.find((event: { type: string }) => event.type === 'ticket.updated');
    expect(update).toMatchObject({
      actor: { role: 'agent' },
      changes: [{ field: 'orgId', from: 'triage', to: 'globex' }],
    });

    // Globex's clients see the ticket, its conversation and its history now; Acme's do not.
    expect((await call(`${rt.api}/tickets/${ticket.id}`, { token: globexClient })).status).toBe(200);
    expect((await call(`${rt.api}/tickets/${ticket.id}/messages`, { token: globexClient })).status).toBe(200);
    expect((await call(`${rt.api}/tickets/${ticket.id}/events`, { token: globexClient })).status).toBe(200);
    expect((await call(`${rt.api}/tickets/${ticket.id}`, { token: acmeClient })).status).toBe(404);

    // The sender is a Globex contact: their next new mail opens a Globex ticket, not a triage one.
    const next = `again${unique()}`;
    await mailIn(sender, `Another question ${next}`, 'And which paper?');
    const [second] = await ticketsAbout(next);
    expect(second).toMatchObject({ orgId: 'globex' });
    expect(second?.queue).not.toBe('triage');

    // Moved once, it is no triage ticket any more: a second move is refused.
    const again = await patch(agent, moved.body, { orgId: 'acme' });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ path: 'orgId', message: expect.any(String) }]);
  });

  it('refuses an unknown organisation with a 400 naming orgId, and writes nothing', async () => {
    const { ticket } = await triageTicket();
    const refused = await patch(agent, ticket, { orgId: 'no-such-org' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.errors).toEqual([{ path: 'orgId', message: expect.any(String) }]);
    const after = await call(`${rt.api}/tickets/${ticket.id}`, { token: agent });
    expect(after.body).toMatchObject({ orgId: 'triage', version: ticket.version });
  });

  it('refuses clients (403) and tickets that are not in triage (409)', async () => {
    const created = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: acmeClient,
      body: { subject: `Own ticket ${unique()}`, description: 'Mine.' },
    });
    expect(created.status).toBe(201);
    const own: TicketJson = created.body;

    const byClient = await patch(acmeClient, own, { orgId: 'globex' });
    expect(byClient.status).toBe(403);

    const byAgent = await patch(agent, own, { orgId: 'globex' });
    expect(byAgent.status).toBe(409);
    expect(byAgent.body.errors).toEqual([{ path: 'orgId', message: expect.any(String) }]);
    const after = await call(`${rt.api}/tickets/${own.id}`, { token: acmeClient });
    expect(after.body).toMatchObject({ orgId: 'acme', version: own.version });
  });

  it('is found by the new organisation by any word of its conversation, and once only by staff', async () => {
    const { ticket, sender, tag } = await triageTicket();
    // The sender writes again on the ticket: a message whose words are not in the subject.
    const word = `fuser${unique()}`;
    await mailIn(sender, `Re: [${ticket.reference}] Printer question ${tag}`, `The ${word} unit rattles.`);
    const before = await call(`${rt.api}/tickets/${ticket.id}`, { token: agent });
    const moved = await patch(agent, before.body, { orgId: 'globex' });
    expect(moved.status).toBe(200);
    await rt.drained();

    const search = (token: string, query: string) =>
      call(`${rt.api}/tickets?q=${encodeURIComponent(query)}&limit=100`, { token });
    const ids = (response: { body: { items: { id: string }[] } }) => response.body.items.map((t) => t.id);
    // Globex's client finds it by the message's word, by the subject's and by the description's.
    for (const query of [word, tag, `toner ${tag}`]) {
      const found = await search(globexClient, query);
      expect(found.status).toBe(200);
      expect(ids(found)).toEqual([ticket.id]);
    }
    // Acme's client does not. Staff find it once, from its new organisation only: nothing of it
    // is left indexed under triage (the index side: test/search/ticket-move.test.ts).
    expect(ids(await search(acmeClient, word))).toEqual([]);
    for (const query of [word, tag]) expect(ids(await search(agent, query))).toEqual([ticket.id]);
  });
});
