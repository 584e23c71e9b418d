import { randomBytes } from 'node:crypto';
import type { MailAddress } from '../ports.js';

/**
 * The MIME message of one notice (RFC 5322, 2045–2047): UTF-8 text and HTML alternatives,
 * quoted-printable, headers in 7-bit with encoded words where they carry other letters.
 * It is all a notice needs (no attachments, no files, no URLs), in place of nodemailer's
 * composer, which took 135 KB of every mailing function's bundle (docs/performance.md).
 */
export interface MimeMessage {
  from: string;
  to: MailAddress[];
  replyTo?: string | null;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  inReplyTo: string;
  references: string[];
  /** Further headers, e.g. `Content-Language`, `Auto-Submitted`. */
  headers: Record<string, string>;
  date: Date;
}

const CRLF = '\r\n';
/** A header line longer than this is folded (RFC 5322 recommends 78). */
const FOLD_AT = 78;
/** UTF-8 bytes per encoded word: base64 of 39 bytes is 52 characters, the word 64 (limit 75). */
const ENCODED_WORD_BYTES = 39;

const isAscii = (text: string): boolean => /^[\x20-\x7e]*$/.test(text);

/** `=?UTF-8?B?…?=` words, split between characters, never inside one. */
const encodedWords = (text: string): string[] => {
  const words: string[] = [];
  let chunk = '';
  for (const character of text) {
    if (Buffer.byteLength(chunk + character) > ENCODED_WORD_BYTES) {
      words.push(chunk);
      chunk = '';
    }
    chunk += character;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`);
};

/** Unstructured text (a subject): as is when printable ASCII, else encoded words. */
const unstructured = (text: string): string[] =>
  isAscii(text) ? text.split(' ') : encodedWords(text.replace(/[\r\n]+/g, ' '));

/** A display name: as is when it is atoms, quoted when it has specials, encoded when not ASCII. */
const displayName = (name: string): string[] => {
  if (!isAscii(name)) return encodedWords(name);
  if (/^[\w!#$%&'*+\-/=?^`{|}~ ]*$/.test(name)) return name.split(' ');
  return [`"${name.replace(/[\\"]/g, '\\$&')}"`];
};

const mailbox = ({ email, name }: MailAddress): string[] =>
  name ? [...displayName(name), `<${email}>`] : [email];

/** `Help desk <support@example.com>` or a bare address, as the sender setting holds it. */
const parsedAddress = (text: string): MailAddress => {
  const match = /^\s*"?(.*?)"?\s*<([^<>\s]+)>\s*$/.exec(text);
  if (!match?.[2]) return { email: text.trim() };
  return match[1] ? { email: match[2], name: match[1] } : { email: match[2] };
};

/**
 * `Name: words`, folded before a word where the line would pass 78 characters (a single word
 * longer than that, such as a long Message-ID, stays whole: lines may reach 998).
 */
const header = (name: string, words: string[]): string => {
  const lines: string[] = [];
  let line = `${name}:`;
  for (const word of words) {
    if (line.length + 1 + word.length > FOLD_AT && line.length > name.length + 1) {
      lines.push(line);
      line = '';
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines.join(CRLF);
};

const addressList = (addresses: MailAddress[]): string[] =>
  addresses.flatMap((address, index) => {
    const words = mailbox(address);
    return index < addresses.length - 1 ? [...words.slice(0, -1), `${words.at(-1)},`] : words;
  });

const hex = (byte: number) => `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** Quoted-printable (RFC 2045 6.7) of UTF-8 text, CRLF line ends, lines of at most 76 characters. */
export const quotedPrintable = (text: string): string =>
  text
    .replace(/\r\n|\r|\n/g, '\n')
    .split('\n')
    .map((line) => {
      const bytes = Buffer.from(line, 'utf8');
      const tokens = [...bytes].map((byte, index) => {
        const last = index === bytes.length - 1;
        if ((byte === 0x20 || byte === 0x09) && !last) return String.fromCharCode(byte);
        return byte >= 0x21 && byte <= 0x7e && byte !== 0x3d ? String.fromCharCode(byte) : hex(byte);
      });
      const out: string[] = [];
      let current = '';
      for (const token of tokens) {
        // 75 characters and a soft line break "=".
        if (current.length + token.length > 75) {
          out.push(`${current}=`);
          current = '';
        }
        current += token;
      }
      out.push(current);
      return out.join(CRLF);
    })
    .join(CRLF);

const part = (contentType: string, body: string): string =>
  [
    `Content-Type: ${contentType}; charset=utf-8`,
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(body),
  ].join(CRLF);

/** The whole message, ready for SES SendRawEmail. */
export const composeMimeMessage = (message: MimeMessage): Buffer => {
  const boundary = `----=_helpdesk_${randomBytes(12).toString('hex')}`;
  const headers = [
    header('From', mailbox(parsedAddress(message.from))),
    header('To', addressList(message.to)),
    ...(message.replyTo ? [header('Reply-To', mailbox(parsedAddress(message.replyTo)))] : []),
    header('Subject', unstructured(message.subject)),
    header('Message-ID', [message.messageId]),
    header('In-Reply-To', [message.inReplyTo]),
    header('References', message.references),
    header('Date', message.date.toUTCString().replace(/GMT$/, '+0000').split(' ')),
    ...Object.entries(message.headers).map(([name, value]) => header(name, unstructured(value))),
    'MIME-Version: 1.0',
    header('Content-Type', ['multipart/alternative;', `boundary="${boundary}"`]),
  ];
  return Buffer.from(
    [
      ...headers,
      '',
      `--${boundary}`,
      part('text/plain', message.text),
      `--${boundary}`,
      part('text/html', message.html),
      `--${boundary}--`,
      '',
    ].join(CRLF),
    'utf8',
  );
};
