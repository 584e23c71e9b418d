import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3AttachmentStorage } from '#attachments/adapters/s3-storage.js';
import { DEFAULT_MAX_FILE_BYTES, MAX_TICKET_BYTES, objectKey } from '#attachments/attachment.js';
import { attachmentEntity } from '#platform/table/attachment.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { exeBytes, openTicket, pngBytes, postMessage, putBytes, requestSlot, upload } from './fixtures.js';

let rt: TestRuntime;
let client: string;
let otherClient: string;
let agent: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  client = await rt.token('client@acme.example');
  otherClient = await rt.token('client@globex.example');
  agent = await rt.token('agent@helpdesk.example');
});
afterAll(() => rt.stop());

const attachmentsOf = (ticketId: string, token: string) =>
  call(`${rt.api}/tickets/${ticketId}/attachments`, { token });
const download = (ticketId: string, attachmentId: string, token: string) =>
  call(`${rt.api}/tickets/${ticketId}/attachments/${attachmentId}`, { token });

describe('attachments through the local S3 server', () => {
  it('round-trips a file: slot, upload, message, list, download returns the same bytes', async () => {
    const ticketId = await openTicket(rt, client);
    const slot = await requestSlot(rt, client, ticketId, {
      fileName: 'screenshot.png',
      contentType: 'image/png',
      size: pngBytes.length,
    });
    expect(slot.status).toBe(201);
    expect(slot.body).toMatchObject({
      fileName: 'screenshot.png',
      contentType: 'image/png',
      size: pngBytes.length,
      status: 'pending',
      upload: { method: 'PUT', headers: { 'content-type': 'image/png' } },
    });
    expect(slot.body.upload.url.startsWith(rt.s3Endpoint)).toBe(true);
    const lifetime = Date.parse(slot.body.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(4 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(5 * 60_000);

    expect((await putBytes(slot.body.upload, pngBytes)).status).toBe(200);
    await rt.uploadsVerified();

    const posted = await postMessage(rt, client, ticketId, {
      body: 'Here is the screen',
      attachmentIds: [slot.body.id],
    });
    expect(posted.status).toBe(201);
    expect(posted.body.attachments).toEqual([
      { id: slot.body.id, fileName: 'screenshot.png', contentType: 'image/png', size: pngBytes.length },
    ]);

    const listed = await attachmentsOf(ticketId, agent);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: slot.body.id, status: 'available', messageId: posted.body.id }),
    ]);
    const messages = await call(`${rt.api}/tickets/${ticketId}/messages`, { token: agent });
    expect(messages.body.items.at(-1).attachments).toHaveLength(1);

    const link = await download(ticketId, slot.body.id, agent);
    expect(link.status).toBe(200);
    expect(link.body).toMatchObject({ id: slot.body.id, fileName: 'screenshot.png' });
    const file = await fetch(link.body.downloadUrl);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(pngBytes)).toBe(true);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-disposition')).toMatch(/^inline; filename="screenshot.png"/);
  });

  it('offers documents as downloads and accepts a log file and a message of files alone', async () => {
    const ticketId = await openTicket(rt, client);
    const log = Buffer.from('2026-12-02 04:00:01 ERROR disk full\n2026-12-02 04:00:02 WARN retrying\n');
    const id = await upload(rt, client, ticketId, {
      fileName: 'app.log',
      contentType: 'text/plain',
      bytes: log,
    });
    const posted = await postMessage(rt, client, ticketId, { attachmentIds: [id] });
    expect(posted.status).toBe(201);
    expect(posted.body.body).toBe('');
    const link = await download(ticketId, id, client);
    const file = await fetch(link.body.downloadUrl);
    expect(await file.text()).toBe(log.toString());
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="app.log"/);
  });

  it('refuses an upload link once it has expired', async () => {
    const ticketId = await openTicket(rt, client);
    const storage = new S3AttachmentStorage(rt.attachmentsBucket, { endpoint: rt.s3Endpoint });
    const upload = await storage.presignUpload({
      key: objectKey(ticketId, '01JAAAAAAAAAAAAAAAAAAAAAAA'),
      contentType: 'image/png',
      size: pngBytes.length,
      now: new Date(Date.now() - 6 * 60_000),
      expiresInSeconds: 300,
    });
    const put = await putBytes(upload, pngBytes);
    expect(put.status).toBe(403);
    expect(await put.text()).toContain('Request has expired');
  });

  it('rejects an executable declared as a PNG and never offers it', async () => {
    const ticketId = await openTicket(rt, client);
    const id = await upload(rt, client, ticketId, {
      fileName: 'cat.png',
      contentType: 'image/png',
      bytes: exeBytes,
    });
    const listed = await attachmentsOf(ticketId, client);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id, status: 'rejected', reason: expect.stringContaining('not image/png') }),
    ]);
    const link = await download(ticketId, id, client);
    expect(link.status).toBe(409);
    expect(link.body.downloadUrl).toBeUndefined();
    const attached = await postMessage(rt, client, ticketId, { body: 'cat', attachmentIds: [id] });
    expect(attached.status).toBe(400);
    expect(JSON.stringify(attached.body)).toContain(id);
    // Its bytes are gone from the bucket.
    const storage = new S3AttachmentStorage(rt.attachmentsBucket, { endpoint: rt.s3Endpoint });
    expect(await storage.describe(objectKey(ticketId, id))).toBeNull();
  });

  it('refuses 25 MB + 1 byte at the presign, and a body longer than the URL binds', async () => {
    const ticketId = await openTicket(rt, client);
    const tooLarge = await requestSlot(rt, client, ticketId, {
      fileName: 'huge.zip',
      contentType: 'application/zip',
      size: DEFAULT_MAX_FILE_BYTES + 1,
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('content-type')).toBe('application/problem+json');
    expect(tooLarge.body.errors).toEqual([expect.objectContaining({ path: 'size' })]);

    const slot = await requestSlot(rt, client, ticketId, {
      fileName: 'huge.zip',
      contentType: 'application/zip',
      size: DEFAULT_MAX_FILE_BYTES,
    });
    expect(slot.status).toBe(201);
    const put = await putBytes(slot.body.upload, Buffer.alloc(DEFAULT_MAX_FILE_BYTES + 1, 1));
    expect(put.status).toBe(403);
    await rt.uploadsVerified();
    const listed = await attachmentsOf(ticketId, client);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: slot.body.id, status: 'pending' })]);
  });

  it('refuses a type that is not on the allow-list, naming the field', async () => {
    const ticketId = await openTicket(rt, client);
    const refused = await requestSlot(rt, client, ticketId, {
      fileName: 'setup.exe',
      contentType: 'application/x-msdownload',
      size: 100,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'contentType' })]);
  });

  it('refuses an attachment of another ticket, of another organisation, or one already used', async () => {
    const ticketId = await openTicket(rt, client);
    const otherTicket = await openTicket(rt, client);
    const globexTicket = await openTicket(rt, otherClient);
    const elsewhere = await upload(rt, client, otherTicket, {
      fileName: 'a.png',
      contentType: 'image/png',
      bytes: pngBytes,
    });
    const globex = await upload(rt, otherClient, globexTicket, {
      fileName: 'b.png',
      contentType: 'image/png',
      bytes: pngBytes,
    });
    const mine = await upload(rt, client, ticketId, {
      fileName: 'c.png',
      contentType: 'image/png',
      bytes: pngBytes,
    });

    for (const id of [elsewhere, globex]) {
      const refused = await postMessage(rt, client, ticketId, { body: 'x', attachmentIds: [id] });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([
        { path: 'attachmentIds.0', message: expect.stringContaining(id) },
      ]);
    }
    expect((await postMessage(rt, client, ticketId, { body: 'first', attachmentIds: [mine] })).status).toBe(
      201,
    );
    const again = await postMessage(rt, client, ticketId, { body: 'again', attachmentIds: [mine] });
    expect(again.status).toBe(400);
    expect(again.body.detail).toContain(mine);

    // Another organisation's ticket does not exist for this client, attachments included.
    expect((await attachmentsOf(globexTicket, client)).status).toBe(404);
    expect((await download(globexTicket, globex, client)).status).toBe(404);
    const slot = await requestSlot(rt, client, globexTicket, {
      fileName: 'x.png',
      contentType: 'image/png',
      size: 10,
    });
    expect(slot.status).toBe(404);
    // A refused message wrote nothing: the file stays free for the right message.
    const messages = await call(`${rt.api}/tickets/${ticketId}/messages`, { token: client });
    expect(messages.body.items.map((m: { body: string }) => m.body)).toEqual(['first']);
  });

  it('refuses more than 10 files on a message, and a file not uploaded yet, writing nothing', async () => {
    const ticketId = await openTicket(rt, client);
    const ids: string[] = [];
    for (let n = 0; n < 11; n += 1) {
      ids.push(
        await upload(rt, client, ticketId, {
          fileName: `shot-${n}.png`,
          contentType: 'image/png',
          bytes: pngBytes,
        }),
      );
    }
    const eleven = await postMessage(rt, client, ticketId, { body: 'eleven', attachmentIds: ids });
    expect(eleven.status).toBe(400);
    expect(eleven.body.errors).toEqual([expect.objectContaining({ path: 'attachmentIds' })]);

    const slot = await requestSlot(rt, client, ticketId, {
      fileName: 'later.png',
      contentType: 'image/png',
      size: pngBytes.length,
    });
    expect(slot.status).toBe(201);
    const notUploaded = await postMessage(rt, client, ticketId, {
      body: 'too soon',
      attachmentIds: [slot.body.id],
    });
    expect(notUploaded.status).toBe(400);
    expect(notUploaded.body.errors).toEqual([
      { path: 'attachmentIds.0', message: expect.stringContaining(slot.body.id) },
    ]);
    const messages = await call(`${rt.api}/tickets/${ticketId}/messages`, { token: client });
    expect(messages.body.items).toEqual([]);

    // Ten is the limit, and the message lists them all.
    const ten = await postMessage(rt, client, ticketId, { body: 'ten', attachmentIds: ids.slice(0, 10) });
    expect(ten.status).toBe(201);
    expect(ten.body.attachments.map((file: { id: string }) => file.id)).toEqual(ids.slice(0, 10));
  });

  it('keeps a ticket within 100 MB of files: no slot past it, and a file that would pass it is rejected', async () => {
    const ticketId = await openTicket(rt, client);
    const first = await upload(rt, client, ticketId, {
      fileName: 'a.png',
      contentType: 'image/png',
      bytes: pngBytes,
    });
    // The ticket's verified files reach 100 MB less one PNG (as four files of 25 MB would, without
    // moving 100 MB through the test): the usage item the verification keeps says so.
    await rt.db.send(
      new UpdateCommand({
        TableName: rt.tableName,
        Key: attachmentEntity.usage.key(ticketId),
        UpdateExpression: 'SET #bytes = :bytes',
        ExpressionAttributeNames: { '#bytes': 'bytes' },
        ExpressionAttributeValues: { ':bytes': MAX_TICKET_BYTES - pngBytes.length },
      }),
    );
    const past = await requestSlot(rt, client, ticketId, {
      fileName: 'b.png',
      contentType: 'image/png',
      size: pngBytes.length + 1,
    });
    expect(past.status).toBe(400);
    expect(past.body.errors).toEqual([expect.objectContaining({ path: 'size' })]);

    // Slots count verified bytes only: two files that each fit get a slot, and the verification
    // of the second, which would pass 100 MB, rejects it; it is never offered.
    const slots: { id: string; upload: { url: string; headers: Record<string, string> } }[] = [];
    for (const fileName of ['c.png', 'd.png']) {
      const slot = await requestSlot(rt, client, ticketId, {
        fileName,
        contentType: 'image/png',
        size: pngBytes.length,
      });
      expect(slot.status).toBe(201);
      slots.push(slot.body);
    }
    for (const slot of slots) {
      expect((await putBytes(slot.upload, pngBytes)).status).toBe(200);
      await rt.uploadsVerified();
    }
    const [fits, over] = slots.map((slot) => slot.id);
    expect((await attachmentsOf(ticketId, client)).body.items).toEqual([
      expect.objectContaining({ id: first, status: 'available' }),
      expect.objectContaining({ id: fits, status: 'available' }),
      expect.objectContaining({ id: over, status: 'rejected', reason: expect.stringContaining('100 MB') }),
    ]);
    expect((await download(ticketId, over ?? '', client)).status).toBe(409);
  });

  it('never shows a client the files of an internal note', async () => {
    const ticketId = await openTicket(rt, client);
    const id = await upload(rt, agent, ticketId, {
      fileName: 'internal.csv',
      contentType: 'text/csv',
      bytes: Buffer.from('customer,credit\nacme,low\n'),
    });
    // Before the note takes it, an agent's upload is not the client's either.
    expect((await attachmentsOf(ticketId, client)).body.items).toEqual([]);
    const note = await postMessage(rt, agent, ticketId, {
      body: 'credit check',
      internal: true,
      attachmentIds: [id],
    });
    expect(note.status).toBe(201);
    expect((await attachmentsOf(ticketId, client)).body.items).toEqual([]);
    expect((await download(ticketId, id, client)).status).toBe(404);
    expect((await attachmentsOf(ticketId, agent)).body.items).toEqual([expect.objectContaining({ id })]);
    expect((await download(ticketId, id, agent)).status).toBe(200);
  });

  it("serves a merged ticket's copied files under the ticket they were uploaded to, its messages' origin", async () => {
    const sourceId = await openTicket(rt, client, 'Printer jams (duplicate)');
    const targetId = await openTicket(rt, client, 'Printer jams');
    const id = await upload(rt, client, sourceId, {
      fileName: 'jam.png',
      contentType: 'image/png',
      bytes: pngBytes,
    });
    expect((await postMessage(rt, client, sourceId, { body: 'The jam', attachmentIds: [id] })).status).toBe(
      201,
    );
    const source = await call(`${rt.api}/tickets/${sourceId}`, { token: agent });
    const merged = await call(`${rt.api}/tickets/${sourceId}/merge`, {
      method: 'POST',
      token: agent,
      body: { into: targetId },
      headers: { 'if-match': source.headers.get('etag') ?? '' },
    });
    expect(merged.status).toBe(200);

    // What the portal does: a copied message's files are fetched from its origin ticket.
    const messages = await call(`${rt.api}/tickets/${targetId}/messages`, { token: client });
    const copied = messages.body.items.find((message: { origin?: { ticketId: string } }) => message.origin);
    expect(copied).toMatchObject({
      origin: { ticketId: sourceId },
      attachments: [{ id, fileName: 'jam.png' }],
    });
    const link = await download(copied.origin.ticketId, id, client);
    expect(link.status).toBe(200);
    const file = await fetch(link.body.downloadUrl);
    expect(Buffer.from(await file.arrayBuffer()).equals(pngBytes)).toBe(true);
  });
});
