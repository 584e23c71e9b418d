import type { Endpoints } from '../../api/endpoints.js';

/** The per-file limit the API applies by default (the server's answer is what counts). */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

/** Browsers leave the type of logs and mail sources empty: the name says what they are. */
const typeByExtension: Record<string, string> = {
  log: 'text/plain',
  txt: 'text/plain',
  csv: 'text/csv',
  eml: 'message/rfc822',
};

/**
 * The types the API accepts (shared/attachments/attachment.ts `allowedTypes`; the portal does not
 * bundle zod, so the list is repeated here and a test holds the two equal). A file of another
 * type is refused when it is picked, before anything is sent.
 */
export const allowedTypes: readonly string[] = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
  'text/x-log',
  'message/rfc822',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/zip',
];

export const contentTypeOf = (file: File): string => {
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  return typeByExtension[extension] ?? (file.type || 'application/octet-stream');
};

export const formatSize = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** PUT to the presigned URL with XMLHttpRequest: fetch reports no upload progress. */
export const putToStorage = (
  upload: { url: string; headers: Record<string, string> },
  file: Blob,
  onProgress: (fraction: number) => void,
) =>
  new Promise<void>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', upload.url);
    for (const [name, value] of Object.entries(upload.headers)) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () =>
      request.status >= 200 && request.status < 300
        ? resolve()
        : reject(new Error(`the storage answered ${request.status}`));
    request.onerror = () => reject(new Error('the network failed'));
    request.send(file);
  });

/**
 * Waits for the verification that runs when the file lands (moments): resolves when the file
 * is available, rejects with the reason when it was refused or nothing was decided in time.
 */
export const untilVerified = async (api: Endpoints, ticketId: string, attachmentId: string) => {
  for (let attempt = 0; attempt < 60; attempt++) {
    const { data } = await api.listAttachments(ticketId);
    const found = data.items.find((item) => item.id === attachmentId);
    if (found?.status === 'available') return;
    if (found?.status === 'rejected') throw new Error(found.reason ?? 'rejected');
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error('the file was not verified in time');
};
