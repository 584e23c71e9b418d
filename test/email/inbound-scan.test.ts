import { randomBytes, randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHandler } from '#local/handler-modules.js';
import { call, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * The optional malware scan covers files received by mail as it covers uploads
 * (docs/attachments.md): with ATTACHMENT_MALWARE_SCAN=guardduty a mail's files are listed on its
 * message at once but offered for download only after GuardDuty's "Object Scan Result" says
 * NO_THREATS_FOUND; a threat rejects the file and deletes its bytes. The scan result reaches the
 * same handler EventBridge invokes in the cloud.
 */
const previousScan = process.env.ATTACHMENT_MALWARE_SCAN;
// Read by the handlers at load: set before the runtime loads any of them.
process.env.ATTACHMENT_MALWARE_SCAN = 'guardduty';

type ScanHandler = (
  event: {
    'detail-type': string;
    source: string;
    detail: {
      s3ObjectDetails: { bucketName: string; objectKey: string };
      scanResultDetails: { scanResultStatus: string };
    };
  },
  context: { awsRequestId: string },
) => Promise<void>;

let rt: TestRuntime;
let transport: Transporter;

beforeAll(async () => {
  rt = await startTestRuntime({ stream: false });
  transport = nodemailer.createTransport({
    host: rt.smtp.host,
    port: rt.smtp.port,
    secure: false,
    ignoreTLS: true,
  });
});

afterAll(async () => {
  transport?.close();
  await rt?.stop();
  if (previousScan === undefined) delete process.env.ATTACHMENT_MALWARE_SCAN;
  else process.env.ATTACHMENT_MALWARE_SCAN = previousScan;
});

/** GuardDuty's verdict on one object, as its EventBridge event. */
const scanResult = async (objectKey: string, status: 'NO_THREATS_FOUND' | 'THREATS_FOUND') => {
  const handler = await loadHandler<ScanHandler>('functions/attachments/scan-result');
  await handler(
    {
      'detail-type': 'GuardDuty Malware Protection Object Scan Result',
      source: 'aws.guardduty',
      detail: {
        s3ObjectDetails: { bucketName: rt.attachmentsBucket, objectKey },
        scanResultDetails: { scanResultStatus: status },
      },
    },
    { awsRequestId: randomUUID() },
  );
};

describe('the malware scan of files received by mail', () => {
  it('lists them on the message at once, offers a clean one after the scan and never an infected one', async () => {
    const tag = `scan${randomBytes(4).toString('hex')}`;
    await transport.sendMail({
      from: 'client@acme.example',
      to: 'support@helpdesk.example',
      subject: `Logs ${tag}`,
      text: 'Both logs attached.',
      attachments: [
        { filename: 'clean.log', content: 'all good\n', contentType: 'text/plain' },
        { filename: 'infected.log', content: 'pretend EICAR\n', contentType: 'text/plain' },
      ],
    });
    await rt.mailHandled();
    await rt.uploadsVerified();

    const client = await rt.token('client@acme.example');
    const list = await call(`${rt.api}/tickets?limit=100`, { token: client });
    const ticket = (list.body.items as { id: string; subject: string }[]).find((found) =>
      found.subject.includes(tag),
    );
    if (!ticket) throw new Error(`No ticket about ${tag}`);
    const messages = await call(`${rt.api}/tickets/${ticket.id}/messages`, { token: client });
    const files = (messages.body.items as { attachments?: { id: string; fileName: string }[] }[]).flatMap(
      (message) => message.attachments ?? [],
    );
    expect(files.map((file) => file.fileName).sort()).toEqual(['clean.log', 'infected.log']);
    const clean = files.find((file) => file.fileName === 'clean.log');
    const infected = files.find((file) => file.fileName === 'infected.log');
    if (!clean || !infected) throw new Error('files missing');
    const download = (id: string) =>
      call(`${rt.api}/tickets/${ticket.id}/attachments/${id}`, { token: client });

    // Stored and type-checked (the Object Created verification ran), but not scanned yet.
    expect((await download(clean.id)).status).toBe(409);
    expect((await download(infected.id)).status).toBe(409);

    await scanResult(`t/${ticket.id}/${clean.id}`, 'NO_THREATS_FOUND');
    await scanResult(`t/${ticket.id}/${infected.id}`, 'THREATS_FOUND');

    const offered = await download(clean.id);
    expect(offered.status).toBe(200);
    const bytes = await fetch(offered.body.downloadUrl);
    expect(await bytes.text()).toBe('all good\n');

    const refused = await download(infected.id);
    expect(refused.status).toBe(409);
    const listed = await call(`${rt.api}/tickets/${ticket.id}/attachments`, { token: client });
    expect(listed.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: clean.id, status: 'available' }),
        expect.objectContaining({
          id: infected.id,
          status: 'rejected',
          reason: 'The malware scan found a threat',
        }),
      ]),
    );
    // The infected file's bytes are gone from the bucket.
    const object = await fetch(`${rt.s3Endpoint}/${rt.attachmentsBucket}/t/${ticket.id}/${infected.id}`);
    expect(object.status).not.toBe(200);
  });
});
