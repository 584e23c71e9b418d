import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamConsumers } from '#functions/stream/consumers.js';
import { startWebhookRetries } from '#local/webhook-retries.js';
import type { StreamHandler } from '#platform/adapters/stream-consumer.js';
import { Invalid } from '#platform/errors.js';
import { passesFilters } from '#platform/stream.js';
import { eventEntity, ticketPartition } from '#platform/table/ticket.js';
import { webhookEntity } from '#platform/table/webhook.js';
import { DynamoWebhookStore } from '#webhooks/adapters/dynamodb-webhook-store.js';
import { dnsResolver, HttpWebhookSender } from '#webhooks/adapters/http-webhook-sender.js';
import { webhookEnvNames } from '#webhooks/settings.js';
import { checkTarget, createWebhook } from '#webhooks/use-cases/manage-webhooks.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { insertRecordOf, modifyRecordOf } from '../support/stream-records.js';

/**
 * Webhooks end to end on the local stack: hooks registered through the API, the `webhooks`
 * consumer handed `DynamoDBStreamEvent` batches built from the ticket event items the API
 * wrote to DynamoDB Local (as the stream poller hands them), a receiver on this machine.
 */

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** A receiver: `/ok` answers 200, `/flaky` 500 twice then 200, `/down` always 503. */
const startReceiver = async () => {
  const received: Received[] = [];
  const flakyCount = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      let status = 200;
      if (path.startsWith('/down')) status = 503;
      if (path.startsWith('/flaky')) {
        const seen = (flakyCount.get(path) ?? 0) + 1;
        flakyCount.set(path, seen);
        status = seen <= 2 ? 500 : 200;
      }
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    port,
    received,
    at: (path: string) => received.filter((r) => r.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** The receiver side of Standard Webhooks, as docs/webhooks.md shows it. */
const verify = (secret: string, headers: IncomingHttpHeaders, body: string): boolean => {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signed = `${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`;
  const expected = createHmac('sha256', key).update(signed).digest('base64');
  return String(headers['webhook-signature'])
    .split(' ')
    .some((signature) => signature === `v1,${expected}`);
};

const until = async (check: () => boolean | Promise<boolean>, withinMs = 5000) => {
  const end = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

let rt: TestRuntime;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let consume: StreamHandler;
let admin: string;
let agent: string;
let client: string;
let sequence = 0;

beforeAll(async () => {
  // Read by the delivery wiring at module load: retries after 100 ms (then 200 ms…), no hook cache.
  process.env[webhookEnvNames.firstRetryDelayMs] = '100';
  process.env[webhookEnvNames.hookCacheMs] = '0';
  // This file hands the consumer its batches itself (from the items the API wrote), so it can
  // repeat a record and read the receiver right after; the running stack's poller stays off.
  rt = await startTestRuntime({ stream: false });
  receiver = await startReceiver();
  ({ handler: consume } = await import('#functions/stream/webhooks.js'));
  admin = await rt.token('admin@helpdesk.example');
  agent = await rt.token('agent@helpdesk.example');
  client = await rt.token('client@acme.example');
});
afterAll(async () => {
  await receiver.close();
  await rt.stop();
});

const consumer = () => {
  const found = streamConsumers.find((c) => c.name === 'webhooks');
  if (!found) throw new Error('the webhooks consumer is not in the registry');
  return found;
};

/** The ticket's history events as stored, oldest first. */
const eventItems = async (ticketId: string) => {
  const result = await rt.db.send(
    new QueryCommand({
      TableName: rt.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': ticketPartition(ticketId), ':sk': 'EVENT#' },
    }),
  );
  return (result.Items ?? []).filter((item) => item.entity === eventEntity.name);
};

/** The stream records DynamoDB would emit for these inserts (images in DynamoDB JSON). */
const insertRecords = (items: Record<string, unknown>[]): DynamoDBRecord[] =>
  items.map((item) => insertRecordOf(item, String(++sequence).padStart(21, '0')));

/** Hands the consumer the records its filters let through, as the poller (or Lambda) would. */
const deliver = async (records: DynamoDBRecord[]) => {
  const Records = records.filter((record) => passesFilters(consumer().filters, record));
  const result = await consume({ Records } satisfies DynamoDBStreamEvent);
  expect(result.batchItemFailures).toEqual([]);
  return Records.length;
};

const newTicket = async (subject: string) => {
  const created = await call(`${rt.api}/tickets`, {
    method: 'POST',
    token: client,
    body: { subject, description: 'The printer is on fire' },
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
};

const register = async (body: Record<string, unknown>) => {
  const created = await call(`${rt.api}/webhooks`, { method: 'POST', token: admin, body });
  expect(created.status).toBe(201);
  return created.body as { id: string; secret: string };
};

describe('webhooks', () => {
  it('returns the secret once, at creation, and refuses bad input naming the field', async () => {
    const bad = await call(`${rt.api}/webhooks`, {
      method: 'POST',
      token: admin,
      body: { url: receiver.url('/ok'), events: ['ticket.exploded'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('events.0');
    const noUrl = await call(`${rt.api}/webhooks`, {
      method: 'POST',
      token: admin,
      body: { url: 'not a url', events: ['ticket.created'] },
    });
    expect(noUrl.status).toBe(400);
    expect(noUrl.body.errors[0].path).toBe('url');

    const hook = await register({
      url: receiver.url('/secret-check'),
      events: ['ticket.created'],
      active: false,
    });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const one = await call(`${rt.api}/webhooks/${hook.id}`, { token: admin });
    const all = await call(`${rt.api}/webhooks`, { token: admin });
    expect(one.status).toBe(200);
    expect(one.body).not.toHaveProperty('secret');
    expect(JSON.stringify(all.body)).not.toContain(hook.secret);
    expect(all.body.items.map((h: { id: string }) => h.id)).toContain(hook.id);
  });

  it('signs each delivery the Standard Webhooks way, and a receiver verifies it', async () => {
    const hook = await register({ url: receiver.url('/ok'), events: ['ticket.created'] });
    const ticketId = await newTicket('Signed delivery');
    await deliver(insertRecords(await eventItems(ticketId)));

    const got = receiver.at('/ok');
    expect(got).toHaveLength(1);
    const [request] = got;
    if (!request) throw new Error('no delivery');
    expect(verify(hook.secret, request.headers, request.body)).toBe(true);
    expect(verify(hook.secret, request.headers, request.body.replace('Signed', 'Forged'))).toBe(false);
    expect(Number(request.headers['webhook-timestamp'])).toBeCloseTo(Date.now() / 1000, -2);
    const payload = JSON.parse(request.body);
    expect(payload).toMatchObject({
      id: request.headers['webhook-id'],
      type: 'ticket.created',
      data: { ticket: { id: ticketId, subject: 'Signed delivery', status: 'new' } },
    });
    expect(Date.parse(payload.occurredAt)).not.toBeNaN();

    const deliveries = await call(`${rt.api}/webhooks/${hook.id}/deliveries`, { token: admin });
    expect(deliveries.status).toBe(200);
    expect(deliveries.body.items).toEqual([
      expect.objectContaining({
        id: payload.id,
        type: 'ticket.created',
        status: 'delivered',
        attempts: 1,
        lastStatusCode: 200,
        nextAttemptAt: null,
      }),
    ]);
    await call(`${rt.api}/webhooks/${hook.id}`, { method: 'DELETE', token: admin });
  });

  it('delivers the same stream record twice only once', async () => {
    const hook = await register({ url: receiver.url('/ok-twice'), events: ['ticket.created'] });
    const ticketId = await newTicket('Twice');
    const records = insertRecords(await eventItems(ticketId));
    await deliver(records);
    await deliver(records);
    expect(receiver.at('/ok-twice')).toHaveLength(1);
    const deliveries = await call(`${rt.api}/webhooks/${hook.id}/deliveries`, { token: admin });
    expect(deliveries.body.items).toHaveLength(1);
    await call(`${rt.api}/webhooks/${hook.id}`, { method: 'DELETE', token: admin });
  });

  it('retries a receiver that answers 500 twice, and delivers exactly once', async () => {
    const hook = await register({ url: receiver.url('/flaky'), events: ['ticket.created'] });
    const retries = startWebhookRetries({ rescanMs: 50 });
    try {
      const ticketId = await newTicket('Flaky receiver');
      await deliver(insertRecords(await eventItems(ticketId)));
      expect(receiver.at('/flaky').map((r) => r.status)).toEqual([500]);
      const pending = await call(`${rt.api}/webhooks/${hook.id}/deliveries`, { token: admin });
      expect(pending.body.items[0]).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });
      expect(Date.parse(pending.body.items[0].nextAttemptAt)).toBeGreaterThan(Date.now() - 1000);

      await until(() => receiver.at('/flaky').length === 3);
      // Long enough for a fourth attempt, were one scheduled.
      await new Promise((resolve) => setTimeout(resolve, 600));
      const attempts = receiver.at('/flaky');
      expect(attempts.map((r) => r.status)).toEqual([500, 500, 200]);
      expect(new Set(attempts.map((r) => r.headers['webhook-id'])).size).toBe(1);
      expect(new Set(attempts.map((r) => r.body)).size).toBe(1);
      for (const attempt of attempts) expect(verify(hook.secret, attempt.headers, attempt.body)).toBe(true);
      const done = await call(`${rt.api}/webhooks/${hook.id}/deliveries`, { token: admin });
      expect(done.body.items[0]).toMatchObject({
        status: 'delivered',
        attempts: 3,
        lastStatusCode: 200,
        nextAttemptAt: null,
      });
      const healthy = await call(`${rt.api}/webhooks/${hook.id}`, { token: admin });
      expect(healthy.body).toMatchObject({ active: true, failingSince: null });
    } finally {
      await retries.stop();
      await call(`${rt.api}/webhooks/${hook.id}`, { method: 'DELETE', token: admin });
    }
  });

  it('turns a hook off once its deliveries failed for 3 days, mails the admins once, and sends it nothing more', async () => {
    const hook = await register({ url: receiver.url('/down'), events: ['ticket.created'] });
    const key = webhookEntity.key(hook.id);
    const hookItem = async () =>
      (await rt.db.send(new GetCommand({ TableName: rt.tableName, Key: key, ConsistentRead: true }))).Item ??
      {};
    try {
      await deliver(insertRecords(await eventItems(await newTicket('Receiver down'))));
      const failing = await call(`${rt.api}/webhooks/${hook.id}`, { token: admin });
      expect(failing.body).toMatchObject({ active: true, failingSince: expect.any(String) });
      // Three days pass with every attempt failing (the table is moved, not the clock).
      const threeDaysAgo = new Date(Date.now() - 72 * 3600_000 - 60_000).toISOString();
      await rt.db.send(
        new UpdateCommand({
          TableName: rt.tableName,
          Key: key,
          UpdateExpression: 'SET failingSince = :since',
          ExpressionAttributeValues: { ':since': threeDaysAgo },
        }),
      );
      const before = await hookItem();

      await deliver(insertRecords(await eventItems(await newTicket('Receiver still down'))));

      const off = await call(`${rt.api}/webhooks/${hook.id}`, { token: admin });
      expect(off.body).toMatchObject({
        active: false,
        failingSince: threeDaysAgo,
        disabledAt: expect.any(String),
      });
      // The hook's own change reaches the consumer (twice: a redelivered record sends nothing more).
      const change = modifyRecordOf(before, await hookItem(), String(++sequence).padStart(21, '0'));
      expect(passesFilters(consumer().filters, change)).toBe(true);
      await deliver([change]);
      await deliver([change]);
      const store = (await (await fetch(`${rt.sesUrl}/store`)).json()) as {
        emails: { subject: string; destination: { to: string[] } }[];
      };
      const notices = store.emails.filter(
        (mail) => mail.subject === `Webhook turned off: ${receiver.url('/down')}`,
      );
      expect(notices).toHaveLength(1);
      expect(notices[0]?.destination.to.join(' ')).toContain('admin@helpdesk.example');

      const attempts = receiver.at('/down').length;
      await deliver(insertRecords(await eventItems(await newTicket('Nobody listens'))));
      expect(receiver.at('/down')).toHaveLength(attempts);
    } finally {
      await call(`${rt.api}/webhooks/${hook.id}`, { method: 'DELETE', token: admin });
    }
  });

  it('never sends internal notes to a hook that is not staff-scoped, through any event; a staff-scoped one gets them', async () => {
    const everything = [
      'ticket.created',
      'ticket.updated',
      'message.created',
      'ticket.resolved',
      'ticket.closed',
    ];
    const publicHook = await register({ url: receiver.url('/public'), events: everything });
    const staffHook = await register({
      url: receiver.url('/staff'),
      events: everything,
      includeInternal: true,
    });
    const ticketId = await newTicket('Notes stay inside');
    const steps = [
      { path: `/tickets/${ticketId}`, method: 'PATCH', token: agent, body: { priority: 'high' } },
      {
        path: `/tickets/${ticketId}/messages`,
        method: 'POST',
        token: agent,
        body: { body: 'secret plan', internal: true },
      },
      { path: `/tickets/${ticketId}/messages`, method: 'POST', token: client, body: { body: 'any news?' } },
      {
        path: `/tickets/${ticketId}/resolve`,
        method: 'POST',
        token: agent,
        body: { message: 'Replaced the fuser' },
      },
      { path: `/tickets/${ticketId}/accept`, method: 'POST', token: client },
    ];
    for (const step of steps) {
      const answer = await call(`${rt.api}${step.path}`, step);
      expect(answer.status, step.path).toBeLessThan(300);
    }
    await deliver(insertRecords(await eventItems(ticketId)));

    const typesOf = (path: string) => receiver.at(path).map((r) => JSON.parse(r.body).type);
    expect(typesOf('/public')).toEqual([
      'ticket.created',
      'ticket.updated',
      'message.created',
      'ticket.resolved',
      'ticket.closed',
    ]);
    expect(typesOf('/staff')).toEqual([
      'ticket.created',
      'ticket.updated',
      'message.created',
      'message.created',
      'ticket.resolved',
      'ticket.closed',
    ]);
    for (const request of receiver.at('/public')) {
      expect(request.body).not.toContain('secret plan');
      expect(request.body).not.toContain('"internal":true');
    }
    const staffNote = receiver
      .at('/staff')
      .map((r) => JSON.parse(r.body))
      .find((p) => p.data.message?.internal);
    expect(staffNote?.data.message.body).toBe('secret plan');
    const solution = receiver
      .at('/public')
      .map((r) => JSON.parse(r.body))
      .find((p) => p.type === 'ticket.resolved');
    expect(solution?.data.message.body).toBe('Replaced the fuser');
    const update = receiver
      .at('/public')
      .map((r) => JSON.parse(r.body))
      .find((p) => p.type === 'ticket.updated');
    expect(update?.data.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'priority', to: 'high' })]),
    );
    for (const hook of [publicHook, staffHook]) {
      expect(
        receiver
          .at(hook === publicHook ? '/public' : '/staff')
          .every((r) => verify(hook.secret, r.headers, r.body)),
      ).toBe(true);
      await call(`${rt.api}/webhooks/${hook.id}`, { method: 'DELETE', token: admin });
    }
  });

  it('sends nothing to a hook that is turned off or not subscribed', async () => {
    const off = await register({ url: receiver.url('/off'), events: ['ticket.created'], active: false });
    const other = await register({ url: receiver.url('/other'), events: ['sla.breached'] });
    const ticketId = await newTicket('Nobody listens');
    await deliver(insertRecords(await eventItems(ticketId)));
    expect(receiver.at('/off')).toHaveLength(0);
    expect(receiver.at('/other')).toHaveLength(0);
    for (const hook of [off, other])
      await call(`${rt.api}/webhooks/${hook.id}`, { method: 'DELETE', token: admin });
  });
});

describe('webhook targets in the cloud (SSRF)', () => {
  const cloud = { allowLocal: false };
  const adminDeps = () => ({
    store: new DynamoWebhookStore(rt.db, rt.tableName),
    resolver: dnsResolver,
    targets: cloud,
    clock: { now: () => new Date() },
    ids: { next: () => '01JZZZZZZZZZZZZZZZZZZZZZZZ' },
  });

  it.each([
    'https://169.254.169.254/latest/meta-data/',
    'https://127.0.0.1/hook',
    'https://10.1.2.3/hook',
    'https://192.168.1.10/hook',
    'https://[::1]/hook',
    'https://[fd00::1]/hook',
    'https://[::ffff:169.254.169.254]/hook',
    'https://localhost/hook',
    'http://hooks.example.com/hook',
  ])('refuses %s at registration, naming url, and stores nothing', async (url) => {
    const before = (await new DynamoWebhookStore(rt.db, rt.tableName).list()).length;
    const refused = await createWebhook(adminDeps(), {
      url,
      events: ['ticket.created'],
      active: true,
      includeInternal: false,
    }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(Invalid);
    expect((refused as Invalid).errors?.[0]?.path).toBe('url');
    expect((await new DynamoWebhookStore(rt.db, rt.tableName).list()).length).toBe(before);
  });

  it('accepts a public https address', async () => {
    await expect(checkTarget(adminDeps(), 'https://93.184.215.14/hook')).resolves.toBeUndefined();
  });

  it('refuses at delivery a host that resolves to a local address now (DNS rebinding), before any byte is sent', async () => {
    const sender = new HttpWebhookSender(cloud);
    const before = receiver.received.length;
    const viaName = await sender.post(`https://localhost:${receiver.port}/rebound`, {
      body: '{}',
      headers: {},
    });
    const viaLiteral = await sender.post(`https://127.0.0.1:${receiver.port}/rebound`, {
      body: '{}',
      headers: {},
    });
    const plainHttp = await sender.post(receiver.url('/rebound'), { body: '{}', headers: {} });
    for (const result of [viaName, viaLiteral, plainHttp]) expect(result.outcome).toBe('rejected');
    expect(viaName).toMatchObject({ error: expect.stringMatching(/resolves to (127\.0\.0\.1|::1)/) });
    expect(receiver.received.length).toBe(before);
  });
});
