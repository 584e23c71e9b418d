import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noCursors } from '#platform/cursor.js';
import { scheduleEntity } from '#platform/table/schedule.js';
import { ticketEntity } from '#platform/table/ticket.js';
import { DynamoTicketStore } from '#tickets/adapters/dynamodb-ticket-store.js';
import { followMerges } from '#tickets/use-cases/follow-merges.js';
import { MAX_MERGED_MESSAGES } from '#tickets/use-cases/merge-ticket.js';
import { call, type DemoLogin, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * Merging a ticket into another (docs/desk.md): conversation, timer, histories and the
 * requester's mail (sent by the mail stream consumer: the test waits with `drained()`).
 */
interface CapturedMail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string };
}

let rt: TestRuntime;
const tokens: Record<string, string> = {};
const logins: Record<string, DemoLogin> = {
  client: 'client@acme.example',
  otherClient: 'client@globex.example',
  agent: 'agent@helpdesk.example',
  lead: 'lead@helpdesk.example',
};

beforeAll(async () => {
  rt = await startTestRuntime();
  for (const [who, email] of Object.entries(logins)) tokens[who] = await rt.token(email);
});
afterAll(() => rt.stop());

const api = (
  path: string,
  as: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) => call(`${rt.api}${path}`, { token: tokens[as] ?? '', ...init });

const open = async (subject: string, as = 'client') => {
  const token = randomBytes(5).toString('hex');
  const created = await api('/tickets', as, {
    method: 'POST',
    body: { subject: `${subject} ${token}`, description: 'The printer prints nothing' },
  });
  expect(created.status).toBe(201);
  return { ...(created.body as { id: string; reference: string; version: number }), token };
};

const merge = (sourceId: string, into: string, as = 'agent', headers: Record<string, string> = {}) =>
  api(`/tickets/${sourceId}/merge`, as, { method: 'POST', body: { into }, headers });

const storedTicket = async (id: string) =>
  (
    await rt.db.send(
      new GetCommand({ TableName: rt.tableName, Key: ticketEntity.key(id), ConsistentRead: true }),
    )
  ).Item as Record<string, { scheduleName?: string | null }> | undefined;

const mailsAbout = async (token: string): Promise<CapturedMail[]> => {
  const store = (await (await fetch(`${rt.sesUrl}/store`)).json()) as { emails: CapturedMail[] };
  return store.emails.filter(
    (mail) =>
      mail.subject.includes(token) && mail.destination.to.some((to) => to.includes('client@acme.example')),
  );
};

describe('merging a ticket into another', () => {
  it('moves the conversation, cancels the timer, records both histories and tells the requester', async () => {
    const source = await open('Printer offline');
    const target = await open('Printer broken');
    await api(`/tickets/${source.id}/messages`, 'client', {
      method: 'POST',
      body: { body: 'Still offline today.' },
    });
    await api(`/tickets/${source.id}/messages`, 'agent', {
      method: 'POST',
      body: { body: 'Did you restart it?' },
    });
    await api(`/tickets/${source.id}/messages`, 'agent', {
      method: 'POST',
      body: { body: 'Same printer as the other ticket', internal: true },
    });
    const before = await api(`/tickets/${source.id}`, 'agent');
    const scheduleName = (await storedTicket(source.id))?.sla?.scheduleName;
    expect(scheduleName).toEqual(expect.any(String));
    expect(
      (
        await rt.db.send(
          new GetCommand({ TableName: rt.tableName, Key: scheduleEntity.key(String(scheduleName)) }),
        )
      ).Item,
    ).toBeDefined();

    const merged = await merge(source.id, target.id, 'agent', {
      'if-match': before.headers.get('etag') ?? '',
    });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ id: source.id, status: 'merged', mergedInto: target.id });
    expect(merged.headers.get('etag')).toBe(`"${merged.body.version}"`);
    expect((await api(`/tickets/${source.id}`, 'client')).body).toMatchObject({
      status: 'merged',
      mergedInto: target.id,
    });

    // The conversation shows in the target, each message marked with the ticket it came from.
    const origin = { ticketId: source.id, reference: source.reference };
    const staffView = await api(`/tickets/${target.id}/messages?limit=100`, 'agent');
    expect(staffView.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ body: 'Still offline today.', ticketId: target.id, origin }),
        expect.objectContaining({ body: 'Did you restart it?', origin }),
        expect.objectContaining({ body: 'Same printer as the other ticket', internal: true, origin }),
      ]),
    );
    const clientView = await api(`/tickets/${target.id}/messages?limit=100`, 'client');
    expect(clientView.body.items.map((m: { body: string }) => m.body)).toEqual(
      expect.arrayContaining(['Still offline today.', 'Did you restart it?']),
    );
    expect(JSON.stringify(clientView.body)).not.toContain('Same printer as the other ticket');

    // The source's SLA timer is gone; the target's is untouched.
    expect((await storedTicket(source.id))?.sla?.scheduleName ?? null).toBeNull();
    expect(
      (
        await rt.db.send(
          new GetCommand({ TableName: rt.tableName, Key: scheduleEntity.key(String(scheduleName)) }),
        )
      ).Item,
    ).toBeUndefined();
    expect((await storedTicket(target.id))?.sla?.scheduleName).toEqual(expect.any(String));

    // Both histories record it.
    const sourceEvents = await api(`/tickets/${source.id}/events?limit=100`, 'agent');
    expect(sourceEvents.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'ticket.merged',
          actor: expect.objectContaining({ name: 'Agnes Agent' }),
          changes: expect.arrayContaining([
            { field: 'status', from: before.body.status, to: 'merged' },
            { field: 'mergedInto', from: null, to: target.reference },
          ]),
        }),
      ]),
    );
    const targetEvents = await api(`/tickets/${target.id}/events?limit=100`, 'client');
    expect(targetEvents.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'ticket.merged-in',
          changes: [{ field: 'mergedFrom', from: null, to: source.reference }],
        }),
      ]),
    );

    // The requester is told where the request continues, once, in the source's thread.
    await rt.drained();
    const mails = (await mailsAbout(source.token)).filter((mail) => mail.subject.includes('continues as'));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain(
      `[${source.reference}] Your request continues as ${target.reference}`,
    );
    expect(mails[0]?.body.text).toContain(`http://portal.test/tickets/${target.id}`);
    expect(rt.deadLetters()).toEqual([]);
  });

  it('refuses itself, a merged, closed or other organisation’s target, a stale If-Match and clients', async () => {
    const source = await open('Refusals');
    const target = await open('Refusal target');
    const self = await merge(source.id, source.id);
    expect(self.status).toBe(400);
    expect(self.body.errors).toEqual([expect.objectContaining({ path: 'into' })]);
    const unknown = await merge(source.id, '01J00000000000000000000000');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'into' })]);

    const globex = await open('Globex', 'otherClient');
    const across = await merge(source.id, globex.id);
    expect(across.status).toBe(409);
    expect(across.body.errors).toEqual([expect.objectContaining({ path: 'into' })]);

    const closed = await open('Closed target');
    await api(`/tickets/${closed.id}/resolve`, 'agent', { method: 'POST' });
    await api(`/tickets/${closed.id}/accept`, 'client', { method: 'POST' });
    expect((await merge(source.id, closed.id)).status).toBe(409);

    const mergedAway = await open('Merged away');
    expect((await merge(mergedAway.id, target.id)).status).toBe(200);
    expect((await merge(source.id, mergedAway.id)).status).toBe(409);
    expect((await merge(mergedAway.id, source.id)).status).toBe(409);

    expect((await merge(source.id, target.id, 'agent', { 'if-match': '"999"' })).status).toBe(412);
    expect((await merge(source.id, target.id, 'client')).status).toBe(403);
    expect((await merge(source.id, target.id, 'otherClient')).status).toBe(404);
    const bad = await api(`/tickets/${source.id}/merge`, 'agent', { method: 'POST', body: { into: 'HD-1' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'into' })]);

    // Nothing of the refused merges was written.
    const after = await api(`/tickets/${source.id}`, 'agent');
    expect(after.body.status).toBe('new');
    expect(after.body.mergedInto).toBeUndefined();
    const events = await api(`/tickets/${source.id}/events`, 'agent');
    expect(events.body.items.map((e: { type: string }) => e.type)).toEqual(['ticket.created']);
  });

  it('leads a reply to a merged ticket’s thread to the ticket it continues in, across chained merges', async () => {
    const first = await open('Chain one');
    const second = await open('Chain two');
    const third = await open('Chain three');
    await api(`/tickets/${first.id}/messages`, 'client', {
      method: 'POST',
      body: { body: 'Written on the first' },
    });
    expect((await merge(first.id, second.id)).status).toBe(200);
    expect((await merge(second.id, third.id)).status).toBe(200);
    const store = new DynamoTicketStore(rt.db, rt.tableName, noCursors);
    expect((await followMerges(store, first.id))?.id).toBe(third.id);
    expect((await followMerges(store, third.id))?.id).toBe(third.id);
    expect(await followMerges(store, '01J00000000000000000000000')).toBeNull();
    // The second merge carried the first one's messages along, still marked with where they began.
    const messages = await api(`/tickets/${third.id}/messages?limit=100`, 'agent');
    expect(messages.body.items).toEqual([
      expect.objectContaining({
        body: 'Written on the first',
        ticketId: third.id,
        origin: { ticketId: first.id, reference: first.reference },
      }),
    ]);
  });

  // It first writes a conversation of many messages: 18 s on a loaded two-core machine.
  it('refuses a conversation too long to copy in one transaction, writing nothing', {
    timeout: 90_000,
  }, async () => {
    const source = await open('Long conversation');
    const target = await open('Long target');
    for (let n = 0; n < MAX_MERGED_MESSAGES + 1; n++) {
      const posted = await api(`/tickets/${source.id}/messages`, 'agent', {
        method: 'POST',
        body: { body: `Note ${n}`, internal: true },
      });
      expect(posted.status).toBe(201);
    }
    const refused = await merge(source.id, target.id);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('too long to merge');
    expect((await api(`/tickets/${source.id}`, 'agent')).body.status).toBe('new');
    expect((await api(`/tickets/${target.id}/messages`, 'agent')).body.items).toEqual([]);
  });

  it('lets one of two concurrent merges of the same source win', async () => {
    for (const withIfMatch of [false, true]) {
      const source = await open('Race');
      const first = await open('Race target one');
      const second = await open('Race target two');
      const headers: Record<string, string> = withIfMatch ? { 'if-match': `"${source.version}"` } : {};
      const answers = await Promise.all([
        merge(source.id, first.id, 'agent', headers),
        merge(source.id, second.id, 'lead', headers),
      ]);
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses, `with If-Match: ${withIfMatch}`).toEqual([200, withIfMatch ? 412 : 409]);
      const winner = answers.find((answer) => answer.status === 200);
      const stored = await api(`/tickets/${source.id}`, 'agent');
      expect(stored.body.mergedInto).toBe(winner?.body.mergedInto);
      const loserTarget = winner?.body.mergedInto === first.id ? second.id : first.id;
      const loserMessages = await api(`/tickets/${loserTarget}/events`, 'agent');
      expect(loserMessages.body.items.map((e: { type: string }) => e.type)).toEqual(['ticket.created']);
    }
  });
});
