/** Raw RFC 5322 messages for the e-mail channel's tests, byte for byte as a mail client would send them. */

/** Encodes text in a single-byte charset (ISO-8859-1/2, Windows-1250/1252) as mail clients do. */
export const singleByte = (
  text: string,
  charset: 'iso-8859-1' | 'iso-8859-2' | 'windows-1250' | 'windows-1252',
) => {
  const decoder = new TextDecoder(charset);
  const table = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) table.set(decoder.decode(new Uint8Array([byte])), byte);
  return Buffer.from(
    [...text].map((char) => {
      const byte = table.get(char);
      if (byte === undefined) throw new Error(`${char} is not in ${charset}`);
      return byte;
    }),
  );
};

/** `=?charset?Q?…?=`: an encoded-word subject in that charset. */
export const encodedWord = (text: string, charset: Parameters<typeof singleByte>[1]) =>
  `=?${charset}?Q?${[...singleByte(text, charset)]
    .map((byte) =>
      (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
        ? String.fromCharCode(byte)
        : byte === 0x20
          ? '_'
          : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('')}?=`;

export const rawMail = (options: {
  from?: string;
  to?: string;
  subject?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  contentType?: string;
  transferEncoding?: string;
}): Buffer => {
  const headers: Record<string, string> = {
    From: options.from ?? 'Clara Client <client@acme.example>',
    To: options.to ?? 'support@helpdesk.example',
    Subject: options.subject ?? 'Printer on fire',
    'Message-ID': `<${Math.random().toString(36).slice(2)}@acme.example>`,
    Date: 'Mon, 02 Mar 2026 10:00:00 +0100',
    'MIME-Version': '1.0',
    'Content-Type': options.contentType ?? 'text/plain; charset=utf-8',
    'Content-Transfer-Encoding': options.transferEncoding ?? '8bit',
    ...options.headers,
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n');
  const body = options.body ?? 'The printer on floor 3 is on fire.';
  return Buffer.concat([
    Buffer.from(`${head}\r\n\r\n`, 'latin1'),
    Buffer.isBuffer(body) ? body : Buffer.from(body),
  ]);
};
