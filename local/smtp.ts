import { randomUUID } from 'node:crypto';
import type { SESEvent } from 'aws-lambda';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { MAX_INBOUND_BYTES } from '#email/inbound-mail.js';
import { rawKeyOf } from '#email/ses-receipt.js';
import { S3Bucket } from '#platform/adapters/s3-bucket.js';
import { LOCAL_REGION, localCredentials } from './dynamodb.js';
import { loadHandler } from './handler-modules.js';

type ReceiveHandler = (event: SESEvent, context: { awsRequestId: string }) => Promise<void>;

/** The module SES's receipt rule invokes in the cloud (infra/constructs/inbound-mail.ts). */
export const RECEIVE_MAIL_MODULE = 'functions/email/receive-mail';

const smtpError = (message: string, responseCode: number) =>
  Object.assign(new Error(message), { responseCode });

type VerdictStatus = 'PASS' | 'FAIL' | 'GRAY' | 'PROCESSING_FAILED' | 'DISABLED';

/**
 * SES's receipt event for a message stored under `mail/<messageId>`, verdicts `DISABLED` (nothing
 * scans locally) unless given (tests play a scanning SES with them).
 */
export const sesEvent = (input: {
  messageId: string;
  from: string;
  recipients: string[];
  at: Date;
  bucket: string;
  verdicts?: Partial<Record<'spam' | 'virus' | 'spf' | 'dkim' | 'dmarc', VerdictStatus>>;
}): SESEvent => {
  const verdict = (name: keyof NonNullable<typeof input.verdicts>) => ({
    status: input.verdicts?.[name] ?? ('DISABLED' as const),
  });
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp: input.at.toISOString(),
            source: input.from || '<>',
            messageId: input.messageId,
            destination: input.recipients,
            headersTruncated: false,
            headers: [],
            commonHeaders: {
              returnPath: input.from,
              date: input.at.toUTCString(),
              messageId: input.messageId,
            },
          },
          receipt: {
            timestamp: input.at.toISOString(),
            processingTimeMillis: 0,
            recipients: input.recipients,
            spamVerdict: verdict('spam'),
            virusVerdict: verdict('virus'),
            spfVerdict: verdict('spf'),
            dkimVerdict: verdict('dkim'),
            dmarcVerdict: verdict('dmarc'),
            dmarcPolicy: 'none',
            action: {
              type: 'Lambda',
              functionArn: 'arn:aws:lambda:local:000000000000:function:receive-mail',
              invocationType: 'Event',
            },
          },
        },
      },
    ],
  } as SESEvent;
};

/**
 * The local SMTP server (npm `smtp-server`) in the role SES receiving plays in the cloud: it
 * accepts mail for the inbound address only (550 for anyone else), refuses a message over 25 MB
 * with 552, stores each message raw in the local S3 bucket under `mail/<id>` and answers 250
 * only once it is stored (a failed store answers 451: the sender tries again). Then it invokes
 * the same handler module as SES's receipt rule, with the same event, off the SMTP answer.
 * `settled()` resolves once every handed-over mail is handled.
 */
export const startSmtpServer = async (options: {
  port: number;
  host?: string;
  /** The addresses mail is accepted for, e.g. `support@helpdesk.example`. */
  recipients: readonly string[];
  s3Endpoint: string;
  bucket: string;
  maxBytes?: number;
}) => {
  const host = options.host ?? '127.0.0.1';
  const maxBytes = options.maxBytes ?? MAX_INBOUND_BYTES;
  const accepted = new Set(options.recipients.map((address) => address.toLowerCase()));
  const s3 = new S3Bucket({
    bucket: options.bucket,
    endpoint: options.s3Endpoint,
    env: {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    },
  });
  const pending = new Set<Promise<void>>();
  const failures: Error[] = [];

  const handOver = (event: SESEvent) => {
    const handled = loadHandler<ReceiveHandler>(RECEIVE_MAIL_MODULE)
      .then((handler) => handler(event, { awsRequestId: randomUUID() }))
      .catch((error: Error) => {
        failures.push(error);
      })
      .finally(() => pending.delete(handled));
    pending.add(handled);
  };

  const onData = (
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (error?: Error | null) => void,
  ) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    stream.on('error', (error) => callback(error));
    stream.on('end', () => {
      if (stream.sizeExceeded || size > maxBytes) {
        callback(smtpError(`Message too large: at most ${maxBytes} bytes`, 552));
        return;
      }
      const messageId = randomUUID().replace(/-/g, '');
      const at = new Date();
      const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
      const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
      s3.put(rawKeyOf(messageId), Buffer.concat(chunks), 'message/rfc822').then(
        () => {
          // Stored: now (and only now) the sender hears 250.
          callback(null);
          handOver(sesEvent({ messageId, from, recipients, at, bucket: options.bucket }));
        },
        (error: Error) =>
          callback(smtpError(`Could not store the message, try again later: ${error.message}`, 451)),
      );
    });
  };

  const server = new SMTPServer({
    name: 'helpdesk.local',
    banner: 'Help desk (local) ESMTP',
    size: maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    // A stop waits this long for a client in the middle of a message.
    closeTimeout: 2000,
    onRcptTo: (address, _session, callback) => {
      if (accepted.has(address.address.toLowerCase())) return callback();
      callback(smtpError(`No mailbox here by that name: ${address.address}`, 550));
    },
    onData,
  });
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `smtp://${host}:${port}`,
    host,
    port,
    /** Resolves once every mail stored so far has been handled. */
    settled: async () => {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    /** Handler invocations that threw (the cloud would retry them, then use the dead-letter queue). */
    failures: () => [...failures],
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
};

export type LocalSmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;
