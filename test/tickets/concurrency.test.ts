import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let client: string;
let agent: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  client = await rt.token('client@acme.example');
  agent = await rt.token('agent@helpdesk.example');
});
afterAll(() => rt.stop());

describe('concurrent writes', () => {
  it('accepts exactly one of 20 parallel PATCHes sent with the same If-Match; the rest get 412', async () => {
    const { body: ticket } = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: client,
      body: { subject: 'Race', description: 'x' },
    });
    const priorities = ['low', 'normal', 'high', 'urgent'];
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(`${rt.api}/tickets/${ticket.id}`, {
          method: 'PATCH',
          token: agent,
          headers: { 'if-match': '"1"' },
          body: { priority: priorities[i % 4], tags: [`writer-${i}`] },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    const winner = responses.find((r) => r.status === 200);
    const stored = await call(`${rt.api}/tickets/${ticket.id}`, { token: agent });
    expect(stored.body.version).toBe(2);
    expect(stored.body.tags).toEqual(winner?.body.tags);
    const history = await call(`${rt.api}/tickets/${ticket.id}/events`, { token: agent });
    expect(history.body.items.filter((e: { type: string }) => e.type === 'ticket.updated')).toHaveLength(1);
  });

  it('lands every one of 20 parallel PATCHes sent without If-Match: 200 each, never a 412, 20 versions', async () => {
    const { body: ticket } = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: client,
      body: { subject: 'Race without a precondition', description: 'x' },
    });
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(`${rt.api}/tickets/${ticket.id}`, {
          method: 'PATCH',
          token: agent,
          body: { tags: [`writer-${i}`] },
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const stored = await call(`${rt.api}/tickets/${ticket.id}`, { token: agent });
    expect(stored.body.version).toBe(21);
    const history = await call(`${rt.api}/tickets/${ticket.id}/events?limit=100`, { token: agent });
    expect(history.body.items.filter((e: { type: string }) => e.type === 'ticket.updated')).toHaveLength(20);
  });

  it('lands all 60 parallel replies sent without If-Match (201 each, 60 messages); a stale If-Match is 412', {
    timeout: 120_000,
  }, async () => {
    const { body: ticket } = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: client,
      body: { subject: 'Busy thread', description: 'Everyone answers at once' },
    });
    const responses = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        call(`${rt.api}/tickets/${ticket.id}/messages`, {
          method: 'POST',
          token: i % 2 ? client : agent,
          // Public on both sides: a staff reply sets `answered`, the client's next one `open`
          // (docs/sla.md), so most of them race as versioned status changes, not plain appends.
          body: { body: `reply ${i}` },
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(60).fill(201));
    const listed = await call(`${rt.api}/tickets/${ticket.id}/messages?limit=100`, { token: agent });
    expect(listed.body.items).toHaveLength(60);
    const history = await call(`${rt.api}/tickets/${ticket.id}/events?limit=100`, { token: agent });
    expect(history.body.items.filter((e: { type: string }) => e.type === 'message.added')).toHaveLength(60);
    // The status follows the last message: the help desk's → answered, the client's → open.
    const last = [...listed.body.items].sort((a: { createdAt: string }, b: { createdAt: string }) =>
      a.createdAt.localeCompare(b.createdAt),
    )[59];
    const stored = await call(`${rt.api}/tickets/${ticket.id}`, { token: agent });
    expect(stored.body.status).toBe(last.author.role === 'client' ? 'open' : 'answered');
    const stale = await call(`${rt.api}/tickets/${ticket.id}/messages`, {
      method: 'POST',
      token: client,
      headers: { 'if-match': '"1"' },
      body: { body: 'stale' },
    });
    expect(stale.status).toBe(412);
  });

  it('creates one ticket for 10 parallel creates with one Idempotency-Key', async () => {
    const key = `retry-${Date.now()}`;
    const body = { subject: `Idempotent ${key}`, description: 'Sent ten times by a flaky client' };
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(`${rt.api}/tickets`, {
          method: 'POST',
          token: client,
          body,
          headers: { 'idempotency-key': key },
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    await rt.drained();
    const found = await call(`${rt.api}/tickets?q=${encodeURIComponent(key)}&limit=100`, { token: agent });
    expect(found.body.items).toHaveLength(1);
    // Ten racing creates, then the stream drained into the search index: 30 s ran out on a busy CI box.
  }, 60_000);

  it('answers a replay with the same ticket and refuses the key with another body (422)', async () => {
    const key = `replay-${Date.now()}`;
    const body = { subject: 'Replay me', description: 'once' };
    const first = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: client,
      body,
      headers: { 'idempotency-key': key },
    });
    const again = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: client,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: client,
      body: { ...body, subject: 'Different' },
      headers: { 'idempotency-key': key },
    });
    expect(other.status).toBe(422);
    expect(other.body.errors[0].path).toBe('Idempotency-Key');
  });

  it('keeps every message when many people reply at once without If-Match', async () => {
    const { body: ticket } = await call(`${rt.api}/tickets`, {
      method: 'POST',
      token: client,
      body: { subject: 'Busy', description: 'x' },
    });
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(`${rt.api}/tickets/${ticket.id}/messages`, {
          method: 'POST',
          token: i % 2 ? agent : client,
          body: { body: `message ${i}` },
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    const messages = await call(`${rt.api}/tickets/${ticket.id}/messages?limit=100`, { token: agent });
    expect(messages.body.items.map((m: { body: string }) => m.body).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `message ${i}`).sort(),
    );
    const stored = await call(`${rt.api}/tickets/${ticket.id}`, { token: agent });
    expect(stored.body.version).toBe(9);
  });
});
