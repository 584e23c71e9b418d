import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Invalid } from './errors.js';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

/**
 * Opaque, tamper-evident page cursors: the DynamoDB LastEvaluatedKey sealed with AES-256-GCM
 * under a key derived from the cursor secret, with a fingerprint of the query it belongs to as
 * additional authenticated data. A client reads nothing of the table's keys; a forged, altered
 * or foreign cursor (another query, another secret) fails authentication and is a 400.
 */
export class CursorCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (secret.length < 16) throw new Error('The cursor secret must be at least 16 characters');
    this.key = createHash('sha256').update(`helpdesk-page-cursor:${secret}`).digest();
  }

  encode(key: Record<string, unknown> | undefined, fingerprint: string): string | null {
    if (!key) return null;
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(fingerprint, 'utf8'));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(key), 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([nonce, sealed, cipher.getAuthTag()]).toString('base64url')}`;
  }

  decode(cursor: string | undefined, fingerprint: string): Record<string, unknown> | undefined {
    if (cursor === undefined) return undefined;
    const invalid = () =>
      new Invalid('The cursor is not valid for this list', [
        {
          path: 'cursor',
          message: 'Use the nextCursor of the previous page, unchanged, with the same filters',
        },
      ]);
    const [version, payload, ...rest] = cursor.split('.');
    if (version !== VERSION || !payload || rest.length > 0) throw invalid();
    const bytes = Buffer.from(payload, 'base64url');
    if (bytes.length <= NONCE_BYTES + TAG_BYTES) throw invalid();
    let parsed: unknown;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, NONCE_BYTES), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(fingerprint, 'utf8'));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]);
      parsed = JSON.parse(plain.toString('utf8'));
    } catch {
      throw invalid();
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid();
    return parsed as Record<string, unknown>;
  }
}

/** What a store needs of page cursors; `CursorCodec` in functions that list, `noCursors` elsewhere. */
export type PageCursors = Pick<CursorCodec, 'encode' | 'decode'>;

/**
 * For functions that never page (writes, SLA checks): they are given no CURSOR_SECRET, so a
 * list reached by mistake fails loudly instead of sealing cursors with a key nobody shares.
 */
const NO_CURSORS =
  'This function has no CURSOR_SECRET: only the list functions page (functions/wiring/api-lists.ts)';

export const noCursors: PageCursors = {
  encode: (key) => {
    if (key === undefined) return null;
    throw new Error(NO_CURSORS);
  },
  decode: (cursor) => {
    if (cursor === undefined) return undefined;
    throw new Error(NO_CURSORS);
  },
};
