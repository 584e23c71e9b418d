import { type AddressObject, type Attachment, type HeaderValue, simpleParser } from 'mailparser';

/** Messages larger than this are refused at SMTP time (552) and by the SES rule's size (docs/inbound-mail.md). */
export const MAX_INBOUND_BYTES = 25 * 1024 * 1024;

/** A file that came with a mail (inline images too). */
export interface InboundFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  inline: boolean;
}

/**
 * A received mail as the help desk reads it: the headers that decide threading and loops,
 * the readable text (the text part, or the HTML part turned into text) and the files.
 * mailparser decodes MIME multipart, quoted-printable/base64, charsets (ISO-8859-1/2,
 * Windows-1250/1252, …) and encoded-word headers.
 */
export interface InboundMail {
  messageId: string | null;
  from: { address: string; name: string } | null;
  replyTo: string | null;
  subject: string;
  text: string;
  /** Message-IDs this mail answers (`In-Reply-To`, then `References`, newest last). */
  inReplyTo: string[];
  references: string[];
  /** Lower-cased header values the loop guards read (absent: null). */
  autoSubmitted: string | null;
  precedence: string | null;
  listId: string | null;
  autoResponseSuppress: string | null;
  /** `multipart/report; report-type=delivery-status`: a bounce (DSN). */
  deliveryReport: boolean;
  /** The text of the DSN parts (delivery status and the returned headers), for bounce threading. */
  reportText: string;
  files: InboundFile[];
}

const first = (value: HeaderValue | undefined): string | null => {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String).join(' ');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && 'value' in value) return String(value.value);
  return String(value);
};

const addressOf = (field: AddressObject | AddressObject[] | undefined) => {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  for (const group of list) {
    for (const entry of group.value) {
      const address = entry.address?.trim().toLowerCase();
      if (address?.includes('@')) return { address, name: (entry.name ?? '').trim() };
    }
  }
  return null;
};

/** Message-IDs as written in `In-Reply-To` / `References` (`<a@b> <c@d>`), each with its brackets. */
export const messageIdsIn = (value: string | string[] | undefined | null): string[] => {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  return [...text.matchAll(/<[^<>\s]{1,250}>/g)].map((match) => match[0]);
};

const isReportPart = (file: Attachment) =>
  [
    'message/delivery-status',
    'text/rfc822-headers',
    'message/rfc822',
    'message/global-delivery-status',
  ].includes(file.contentType.toLowerCase());

/** How many files a mail brings at most; a mail of 1,000 parts keeps its text and the first of them. */
export const MAX_FILES_PER_MAIL = 50;

/** Parses a raw RFC 5322 message. Throws only when mailparser cannot read it at all. */
export const parseMail = async (raw: Uint8Array): Promise<InboundMail> => {
  const parsed = await simpleParser(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), {
    skipImageLinks: true,
    maxHtmlLengthToParse: 2 * 1024 * 1024,
  });
  const header = (name: string) => first(parsed.headers.get(name))?.trim().toLowerCase() || null;
  const contentType = parsed.headers.get('content-type');
  const reportType =
    contentType && typeof contentType === 'object' && 'params' in contentType
      ? String((contentType.params as Record<string, string>)['report-type'] ?? '').toLowerCase()
      : '';
  const deliveryReport =
    contentType !== undefined &&
    first(contentType)?.toLowerCase() === 'multipart/report' &&
    reportType === 'delivery-status';
  const attachments = parsed.attachments ?? [];
  // mailparser inlines `message/delivery-status` into the text; the returned headers stay a part.
  const reportText = deliveryReport
    ? [
        (parsed.text ?? '').slice(0, 64 * 1024),
        ...attachments.filter(isReportPart).map((file) => file.content.toString('utf8').slice(0, 64 * 1024)),
      ].join('\n')
    : '';
  const files = attachments
    .filter((file) => !(deliveryReport && isReportPart(file)))
    .slice(0, MAX_FILES_PER_MAIL)
    .map(
      (file, index): InboundFile => ({
        fileName: (file.filename ?? '').trim() || `attachment-${index + 1}`,
        contentType: file.contentType.toLowerCase(),
        bytes: new Uint8Array(file.content),
        inline: file.contentDisposition === 'inline' || Boolean(file.related),
      }),
    );
  return {
    messageId: messageIdsIn(parsed.messageId)[0] ?? null,
    from: addressOf(parsed.from),
    replyTo: addressOf(parsed.replyTo)?.address ?? null,
    subject: (parsed.subject ?? '').replace(/\s+/g, ' ').trim(),
    text: (parsed.text ?? '').replace(/\r\n?/g, '\n'),
    inReplyTo: messageIdsIn(parsed.inReplyTo),
    references: messageIdsIn(parsed.references),
    autoSubmitted: header('auto-submitted'),
    precedence: header('precedence'),
    listId: header('list-id'),
    autoResponseSuppress: header('x-auto-response-suppress'),
    deliveryReport,
    reportText,
    files,
  };
};
