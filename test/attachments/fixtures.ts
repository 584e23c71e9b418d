import { expect } from 'vitest';
import { call, type TestRuntime } from '../support/runtime.js';

/** A 1×1 PNG: what a pasted screenshot is, in small. */
export const pngBytes = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The start of a Windows executable: `MZ`, then the DOS stub. */
export const exeBytes = Buffer.concat([
  Buffer.from('4d5a90000300000004000000ffff0000b800000000000000400000000000000000000000', 'hex'),
  Buffer.alloc(200, 0),
]);

export const openTicket = async (rt: TestRuntime, token: string, subject = 'Files attached') => {
  const created = await call(`${rt.api}/tickets`, {
    method: 'POST',
    token,
    body: { subject, description: 'See the attached file' },
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
};

/** POST …/attachments: the upload slot (or the refusal). */
export const requestSlot = (
  rt: TestRuntime,
  token: string,
  ticketId: string,
  file: { fileName: string; contentType: string; size: number },
) => call(`${rt.api}/tickets/${ticketId}/attachments`, { method: 'POST', token, body: file });

/** PUT the bytes to the presigned URL with the headers it names, as a browser or script would. */
export const putBytes = (upload: { url: string; headers: Record<string, string> }, bytes: Uint8Array) =>
  fetch(upload.url, { method: 'PUT', headers: upload.headers, body: Buffer.from(bytes) });

/** Slot, upload, verification: the attachment's id once the file has been judged. */
export const upload = async (
  rt: TestRuntime,
  token: string,
  ticketId: string,
  file: { fileName: string; contentType: string; bytes: Uint8Array },
): Promise<string> => {
  const slot = await requestSlot(rt, token, ticketId, {
    fileName: file.fileName,
    contentType: file.contentType,
    size: file.bytes.length,
  });
  expect(slot.status).toBe(201);
  const put = await putBytes(slot.body.upload, file.bytes);
  expect(put.status).toBe(200);
  await rt.uploadsVerified();
  return slot.body.id as string;
};

export const postMessage = (
  rt: TestRuntime,
  token: string,
  ticketId: string,
  body: { body?: string; internal?: boolean; attachmentIds?: string[] },
) => call(`${rt.api}/tickets/${ticketId}/messages`, { method: 'POST', token, body });
