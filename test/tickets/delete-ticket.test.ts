import { createHash, randomBytes } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3AttachmentStorage } from '#attachments/adapters/s3-storage.js';
import { objectKey } from '#attachments/attachment.js';
import { reportFactEntity } from '#platform/table/report.js';
import { ticketEntity, ticketPartition } from '#platform/table/ticket.js';
import { ticketErasureEntity } from '#platform/table/ticket-erasure.js';
import { TableBucketSegmentStore } from '#search/adapters/segment-store.js';
import { allOrganisationsSegment, ticketSegment } from '#search/ticket-documents.js';
import type { SlaCheckPayload } from '#sla/payload.js';
import { pngBytes, upload } from '../attachments/fixtures.js';
import { call, type DemoLogin, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * `DELETE /tickets/{id}` on the product as `npm start` runs it (DynamoDB Local, the local S3
 * server, the stream poller): the ticket leaves every read at once, and the `ticket-erasure`
 * consumer erases its messages, history, files; the search index drops it (docs/api.md).
 */

let rt: TestRuntime;
const tokens: Record<string, string> = {};
const logins: Record<string, DemoLogin> = {
  client: 'client@acme.example',
  otherClient: 'client@globex.example',
  agent: 'agent@helpdesk.example',
  lead: 'lead@helpdesk.example',
  admin: 'admin@helpdesk.example',
};

const api = (
  path: string,
  as: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) => call(`${rt.api}${path}`, { token: tokens[as] ?? '', ...init });

/** Letters only: one search word the tickets of this file carry, and nothing else does. */
const unique = () =>
  `zq${randomBytes(5)
    .toString('hex')
    .replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)] ?? 'x')}`;

const open = async (subject: string) => {
  const created = await api('/tickets', 'client', {
    method: 'POST',
    body: { subject, description: 'Buy cheap watches now' },
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; reference: string; queue: string; status: string; version: number };
};

const itemsOf = async (pk: string) =>
  (
    await rt.db.send(
      new QueryCommand({
        TableName: rt.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

const partitionItems = (ticketId: string) => itemsOf(ticketPartition(ticketId));

const storedTicket = async (ticketId: string) =>
  (
    await rt.db.send(
      new GetCommand({ TableName: rt.tableName, Key: ticketEntity.key(ticketId), ConsistentRead: true }),
    )
  ).Item;

const erasureRecord = async (ticketId: string) =>
  (
    await rt.db.send(
      new GetCommand({
        TableName: rt.tableName,
        Key: ticketErasureEntity.key(ticketId),
        ConsistentRead: true,
      }),
    )
  ).Item;

const queueCount = async (queue: string, status: string): Promise<number> => {
  const queues = await api('/queues', 'agent');
  const found = (queues.body.items as { id: string; counts: Record<string, number> }[]).find(
    (q) => q.id === queue,
  );
  return found?.counts[status] ?? 0;
};

/** The documents of the ticket (its own and its messages') in both segments it was indexed in. */
const indexedDocuments = async (ticket: { id: string; orgId: string; createdAt: string }) => {
  const segments = new TableBucketSegmentStore(rt.db, rt.tableName, rt.attachmentsBucket, {
    endpoint: rt.s3Endpoint,
  });
  const documents: string[] = [];
  for (const address of [ticketSegment(ticket), allOrganisationsSegment(ticket)]) {
    const head = await segments.head(address);
    if (head) documents.push(...(await segments.loadForWriting(head)).documentsOf(ticket.id));
  }
  return documents;
};

const searched = async (as: string, word: string): Promise<string[]> => {
  const answer = await api(`/tickets?q=${word}`, as);
  expect(answer.status).toBe(200);
  return (answer.body.items as { id: string }[]).map((ticket) => ticket.id);
};

const listed = async (as: string): Promise<string[]> => {
  const answer = await api('/tickets?limit=100', as);
  expect(answer.status).toBe(200);
  return (answer.body.items as { id: string }[]).map((ticket) => ticket.id);
};

beforeAll(async () => {
  rt = await startTestRuntime();
  for (const [who, email] of Object.entries(logins)) tokens[who] = await rt.token(email);
  tokens.integration = await rt.integratorToken(['tickets.read', 'tickets.write']);
}, 60_000);
afterAll(() => rt.stop());

describe('DELETE /tickets/{id}', () => {
  it('erases a ticket with messages, a note and a file: gone from reads, lists, counts, search, storage and the table', async () => {
    const word = unique();
    const subject = `Cheap watches ${word}`;
    const ticket = await open(subject);
    const attachmentId = await upload(rt, tokens.client ?? '', ticket.id, {
      fileName: 'offer.png',
      contentType: 'image/png',
      bytes: pngBytes,
    });
    const reply = await api(`/tickets/${ticket.id}/messages`, 'client', {
      method: 'POST',
      body: { body: `See the offer ${word}`, attachmentIds: [attachmentId] },
    });
    expect(reply.status).toBe(201);
    const note = await api(`/tickets/${ticket.id}/messages`, 'agent', {
      method: 'POST',
      body: { body: `Spam, delete it ${word}`, internal: true },
    });
    expect(note.status).toBe(201);
    await rt.drained();
    const storage = new S3AttachmentStorage(rt.attachmentsBucket, { endpoint: rt.s3Endpoint });
    const key = objectKey(ticket.id, attachmentId);
    const reportFact = reportFactEntity.key(ticket.id).pk;
    expect(await itemsOf(reportFact)).not.toEqual([]);
    // Before: found, listed, counted, stored.
    expect(await searched('agent', word)).toEqual([ticket.id]);
    const indexed = {
      id: ticket.id,
      orgId: 'acme',
      createdAt: String((await storedTicket(ticket.id))?.createdAt),
    };
    // Its own document and its two messages', in its organisation's segment and in every organisation's.
    expect(await indexedDocuments(indexed)).toHaveLength(6);
    expect(await listed('client')).toContain(ticket.id);
    expect(await storage.describe(key)).not.toBeNull();
    const current = await api(`/tickets/${ticket.id}`, 'agent');
    const countBefore = await queueCount(current.body.queue, current.body.status);

    const deleted = await api(`/tickets/${ticket.id}`, 'lead', { method: 'DELETE' });
    expect(deleted.status).toBe(202);
    expect(deleted.body).toEqual({ id: ticket.id, reference: ticket.reference, status: 'deleting' });

    // At once, before any consumer ran: no read finds it, no list holds it, the count dropped.
    for (const path of ['', '/messages', '/events', '/attachments', `/attachments/${attachmentId}`]) {
      const answer = await api(`/tickets/${ticket.id}${path}`, 'admin');
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
    }
    expect(await listed('agent')).not.toContain(ticket.id);
    expect(await listed('client')).not.toContain(ticket.id);
    expect(await queueCount(current.body.queue, current.body.status)).toBe(countBefore - 1);

    // After the stream: not found by search, its file gone from storage, its partition empty.
    await rt.drained();
    expect(await searched('agent', word)).toEqual([]);
    expect(await searched('client', word)).toEqual([]);
    expect(await indexedDocuments(indexed)).toEqual([]);
    expect(await storage.describe(key)).toBeNull();
    expect(await partitionItems(ticket.id)).toEqual([]);
    // Its report fact (subject, for the tickets export) goes too; the report cells keep their sums.
    expect(await itemsOf(reportFact)).toEqual([]);
    expect(rt.deadLetters()).toEqual([]);

    // The trace: who deleted which reference when; the subject only as a hash.
    const trace = await erasureRecord(ticket.id);
    expect(trace).toMatchObject({
      reference: ticket.reference,
      orgId: 'acme',
      deletedBy: { id: 'user-lead', role: 'lead' },
      subjectSha256: createHash('sha256').update(subject).digest('hex'),
      erasedAt: expect.any(String),
    });
    expect(JSON.stringify(trace)).not.toContain(word);

    // Again: harmless, and says the erasure is done.
    const again = await api(`/tickets/${ticket.id}`, 'admin', { method: 'DELETE' });
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ id: ticket.id, reference: ticket.reference, status: 'deleted' });
    expect(await erasureRecord(ticket.id)).toEqual(trace);
  });

  it('refuses a stale If-Match with 412 and writes nothing; the current one deletes', async () => {
    const ticket = await open('Mistaken ticket');
    const stale = await api(`/tickets/${ticket.id}`, 'admin', {
      method: 'DELETE',
      headers: { 'if-match': `"${ticket.version + 5}"` },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toBe('application/problem+json');
    const still = await api(`/tickets/${ticket.id}`, 'agent');
    expect(still.status).toBe(200);
    expect(still.body.version).toBe(ticket.version);
    expect(await erasureRecord(ticket.id)).toBeUndefined();

    const current = await api(`/tickets/${ticket.id}`, 'admin', {
      method: 'DELETE',
      headers: { 'if-match': `"${ticket.version}"` },
    });
    expect(current.status).toBe(202);
    expect((await api(`/tickets/${ticket.id}`, 'agent')).status).toBe(404);
  });

  it('refuses agents, clients of the organisation and integrations (403), hides it from other organisations (404); nothing changes', async () => {
    const ticket = await open('Keep me');
    const expected: Record<string, number> = { agent: 403, client: 403, integration: 403, otherClient: 404 };
    for (const [as, status] of Object.entries(expected)) {
      const answer = await api(`/tickets/${ticket.id}`, as, { method: 'DELETE' });
      expect(answer.status, as).toBe(status);
      expect(answer.headers.get('content-type'), as).toBe('application/problem+json');
    }
    const still = await api(`/tickets/${ticket.id}`, 'client');
    expect(still.status).toBe(200);
    expect(still.body.version).toBe(ticket.version);
    expect(await erasureRecord(ticket.id)).toBeUndefined();
  });

  it('answers 404 for a ticket that never existed, or an id that names nothing', async () => {
    const missing = await api('/tickets/01JD0000000000000000000000', 'admin', { method: 'DELETE' });
    expect(missing.status).toBe(404);
    expect(await erasureRecord('01JD0000000000000000000000')).toBeUndefined();
    const malformed = await api('/tickets/not-an-id', 'admin', { method: 'DELETE' });
    expect(malformed.status).toBe(404);
  });

  it('lets an SLA timer that fires after the deletion do nothing', async () => {
    const ticket = await open('Timer after deletion');
    const stored = await storedTicket(ticket.id);
    const sla = (stored?.sla ?? {}) as Record<string, unknown>;
    expect(sla.nextCheckKind).toEqual(expect.any(String));
    const payload: SlaCheckPayload = {
      ticketId: ticket.id,
      kind: sla.nextCheckKind as SlaCheckPayload['kind'],
      generation: Number(sla.scheduleGeneration),
      dueAt: String(sla.nextCheckAt),
    };
    expect((await api(`/tickets/${ticket.id}`, 'admin', { method: 'DELETE' })).status).toBe(202);
    await rt.drained();

    const { handler } = await import('#functions/sla/reminder.js');
    expect(await handler(payload)).toEqual({ outcome: 'no-ticket' });
    await rt.drained();
    expect(await storedTicket(ticket.id)).toBeUndefined();
    expect(await partitionItems(ticket.id)).toEqual([]);
  });

  it('lets the erasure consumer take the same record twice without harm', async () => {
    const ticket = await open('Delivered twice');
    const attachmentId = await upload(rt, tokens.client ?? '', ticket.id, {
      fileName: 'twice.png',
      contentType: 'image/png',
      bytes: pngBytes,
    });
    const stored = await storedTicket(ticket.id);
    expect((await api(`/tickets/${ticket.id}`, 'admin', { method: 'DELETE' })).status).toBe(202);
    await rt.drained();
    const trace = await erasureRecord(ticket.id);
    expect(trace?.erasedAt).toEqual(expect.any(String));

    const { handler } = await import('#functions/stream/ticket-erasure.js');
    const record = {
      eventName: 'REMOVE' as const,
      dynamodb: {
        SequenceNumber: '1',
        OldImage: marshall(stored ?? {}, { removeUndefinedValues: true }) as never,
      },
    };
    const event: DynamoDBStreamEvent = { Records: [record, record] };
    expect(await handler(event)).toEqual({ batchItemFailures: [] });
    expect(await partitionItems(ticket.id)).toEqual([]);
    const storage = new S3AttachmentStorage(rt.attachmentsBucket, { endpoint: rt.s3Endpoint });
    expect(await storage.describe(objectKey(ticket.id, attachmentId))).toBeNull();
    expect(await erasureRecord(ticket.id)).toEqual(trace);
  });
});
